import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
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
    user: Omit<UserEntity, 'createdAt' | 'tokenVersion' | 'disabledAt' | 'version'>,
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

  /** The user's token version, or null when the user no longer exists or is disabled. */
  async tokenVersion(id: string): Promise<number | null> {
    const row = await this.users.findOne({
      where: { id, disabledAt: IsNull() },
      select: { tokenVersion: true },
    });
    return row?.tokenVersion ?? null;
  }

  /**
   * Changes what an admin may change and revokes the access tokens issued so far (they carry the
   * old role and ids); returns the updated user, or null when it no longer exists or is no
   * longer at `expectedVersion`.
   */
  async update(
    id: string,
    expectedVersion: number | undefined,
    patch: Partial<Pick<UserEntity, 'role' | 'agentId' | 'teamId' | 'disabledAt'>>,
  ): Promise<UserEntity | null> {
    const query = this.users
      .createQueryBuilder()
      .update()
      .set({ ...patch, tokenVersion: () => 'token_version + 1', version: () => 'version + 1' })
      .where('id = :id', { id });
    // Checked in the statement too: another admin's edit between the read and this write.
    if (expectedVersion !== undefined)
      query.andWhere('version = :expectedVersion', { expectedVersion });
    const result = await query.execute();
    return (result.affected ?? 0) > 0 ? this.findById(id) : null;
  }

  /** false when the user did not exist. */
  async delete(id: string): Promise<boolean> {
    return ((await this.users.delete({ id })).affected ?? 0) > 0;
  }

  /** Revokes every access token issued so far; returns the new version. */
  async bumpTokenVersion(id: string): Promise<number | null> {
    const rows = (await this.users.query(
      `UPDATE gateway.users SET token_version = token_version + 1 WHERE id = $1
       RETURNING token_version`,
      [id],
    )) as [{ token_version: number }[], number];
    return rows[0][0]?.token_version ?? null;
  }

  /** Sets a new password hash and revokes the access tokens issued so far. */
  async setPassword(id: string, passwordHash: string): Promise<number | null> {
    const rows = (await this.users.query(
      `UPDATE gateway.users SET password_hash = $2, token_version = token_version + 1
        WHERE id = $1 RETURNING token_version`,
      [id, passwordHash],
    )) as [{ token_version: number }[], number];
    return rows[0][0]?.token_version ?? null;
  }
}
