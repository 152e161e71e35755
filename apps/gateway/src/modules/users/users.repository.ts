import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from './entities/user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** false when the username is taken. */
  async insertIfAbsent(
    user: Omit<UserEntity, 'createdAt' | 'failedLogins' | 'lockedUntil'>,
  ): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values(user)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  async recordFailure(id: string, lockAfter: number, lockMs: number): Promise<void> {
    await this.users.query(
      `UPDATE gateway.users SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + ($3::int * interval '1 millisecond') ELSE locked_until END
       WHERE id = $1`,
      [id, lockAfter, lockMs],
    );
  }

  async resetFailures(id: string): Promise<void> {
    await this.users.update({ id }, { failedLogins: 0, lockedUntil: null });
  }
}
