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

  /** A tenant's users, or every user when tenantId is undefined. */
  list(tenantId: string | undefined): Promise<UserEntity[]> {
    return this.users.find({
      where: tenantId === undefined ? {} : { tenantId },
      order: { username: 'ASC' },
      take: 1000,
    });
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

  /**
   * Counts a failed login and locks the account when the count reaches `lockAfter`. A lock that
   * has run out starts a fresh count, so the user gets `lockAfter` new attempts, not one.
   */
  async recordFailure(id: string, lockAfter: number, lockMs: number): Promise<void> {
    const count = `CASE WHEN locked_until <= now() THEN 1 ELSE failed_logins + 1 END`;
    await this.users.query(
      `UPDATE gateway.users SET failed_logins = ${count},
         locked_until = CASE WHEN ${count} >= $2 THEN now() + ($3::int * interval '1 millisecond') END
       WHERE id = $1`,
      [id, lockAfter, lockMs],
    );
  }

  async resetFailures(id: string): Promise<void> {
    await this.users.update({ id }, { failedLogins: 0, lockedUntil: null });
  }
}
