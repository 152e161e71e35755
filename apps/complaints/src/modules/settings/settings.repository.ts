import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ComplaintSettings, DEFAULT_SETTINGS } from '../../domain/complaint-settings';
import { SettingsEntity } from './settings.entity';

export interface StoredSettings {
  settings: ComplaintSettings;
  /** 0 while the tenant still runs on the defaults. */
  version: number;
}

@Injectable()
export class SettingsRepository {
  constructor(
    @InjectRepository(SettingsEntity) private readonly rows: Repository<SettingsEntity>,
  ) {}

  async get(tenantId: string, manager?: EntityManager, lock = false): Promise<StoredSettings> {
    const repo = manager ? manager.getRepository(SettingsEntity) : this.rows;
    const row = await repo.findOne({
      where: { tenantId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row
      ? { settings: row.settings, version: row.version }
      : { settings: DEFAULT_SETTINGS, version: 0 };
  }

  async save(
    manager: EntityManager,
    tenantId: string,
    settings: ComplaintSettings,
    version: number,
    actor: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SettingsEntity)
      .values({
        tenantId,
        settings: settings as never,
        version,
        updatedBy: actor,
        updatedAt: new Date(),
      })
      .orUpdate(['settings', 'version', 'updated_by', 'updated_at'], ['tenant_id'])
      .execute();
  }
}
