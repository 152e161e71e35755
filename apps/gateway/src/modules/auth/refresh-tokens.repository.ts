import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

/**
 * A spent token presented again this soon after it was spent is taken for a client racing itself
 * (two tabs, a retried request) and only refused; later, it is taken for a stolen copy.
 */
export const REUSE_GRACE_MS = 10_000;

export type Consumed =
  { status: 'ok'; userId: string } | { status: 'reused'; userId: string } | { status: 'invalid' };

@Injectable()
export class RefreshTokensRepository {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
  ) {}

  async insert(row: Omit<RefreshTokenEntity, 'revokedAt'>): Promise<void> {
    await this.tokens.insert({ ...row, revokedAt: null });
  }

  /**
   * Revokes a live token in one conditional UPDATE, so two concurrent uses of the same token
   * cannot both succeed. A token revoked more than REUSE_GRACE_MS ago is reported as reused.
   */
  async consume(id: string, tokenHash: string): Promise<Consumed> {
    const rows = (await this.tokens.query(
      `UPDATE gateway.refresh_tokens SET revoked_at = now()
        WHERE id = $1 AND token_hash = $2 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [id, tokenHash],
    )) as [{ user_id: string }[], number];
    const userId = rows[0][0]?.user_id;
    if (userId) return { status: 'ok', userId };
    const spent = await this.tokens.findOneBy({ id, tokenHash });
    const reused = spent?.revokedAt && Date.now() - spent.revokedAt.getTime() > REUSE_GRACE_MS;
    return reused ? { status: 'reused', userId: spent.userId } : { status: 'invalid' };
  }

  /** Whose live token this is, without spending it. */
  async ownerOf(id: string, tokenHash: string): Promise<string | null> {
    const row = await this.tokens.findOneBy({ id, tokenHash, revokedAt: IsNull() });
    return row && row.expiresAt.getTime() > Date.now() ? row.userId : null;
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
