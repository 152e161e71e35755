import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CallEntity } from './entities/call.entity';

@Injectable()
export class CallsRepository {
  constructor(@InjectRepository(CallEntity) private readonly calls: Repository<CallEntity>) {}

  /** Inserts unless the (tenant, callId) exists; concurrent duplicates wait and see false. */
  async insertIfAbsent(
    manager: EntityManager,
    call: Omit<CallEntity, 'createdAt'>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(CallEntity)
      .values(call)
      .orIgnore()
      .returning(['callId'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  findOne(tenantId: string, callId: string, manager?: EntityManager): Promise<CallEntity | null> {
    return (manager?.getRepository(CallEntity) ?? this.calls).findOneBy({ tenantId, callId });
  }
}
