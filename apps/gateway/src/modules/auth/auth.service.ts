import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Identity, ROLES, Role } from '@qa/platform';
import { IsNull, Repository } from 'typeorm';
import { UserEntity } from '../users/entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AuthError, AuthErrorCode } from './auth.errors';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { signJwt, verifyJwt } from './jwt';
import { LoginRateLimiter } from './login-rate-limiter';
import { hashPassword, verifyPassword } from './password';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  private readonly secret: string;
  private readonly accessTtl: number;
  private readonly refreshTtl: number;
  private readonly limiter = new LoginRateLimiter(10, 60_000);
  // Compared against when the user does not exist, so timing does not reveal usernames.
  private readonly dummyHash = hashPassword(randomUUID());

  constructor(
    config: ConfigService,
    private readonly users: UsersRepository,
    @InjectRepository(RefreshTokenEntity)
    private readonly refreshTokens: Repository<RefreshTokenEntity>,
  ) {
    this.secret = config.getOrThrow<string>('JWT_SECRET');
    this.accessTtl = config.getOrThrow<number>('ACCESS_TOKEN_TTL_SECONDS');
    this.refreshTtl = config.getOrThrow<number>('REFRESH_TOKEN_TTL_SECONDS');
  }

  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    if (!this.limiter.tryAcquire(`${ip}|${username}`, Date.now())) {
      throw new AuthError(AuthErrorCode.RateLimited, 'Too many login attempts; wait a minute.');
    }
    const user = await this.users.findByUsername(username);
    if (!user) {
      await verifyPassword(password, await this.dummyHash);
      throw new AuthError(AuthErrorCode.BadCredentials, 'Wrong username or password.');
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      throw new AuthError(
        AuthErrorCode.Locked,
        'Account locked after repeated failures; try again later.',
        {
          lockedUntil: user.lockedUntil.toISOString(),
        },
      );
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.users.recordFailure(user.id, MAX_FAILED_LOGINS, LOCK_MS);
      throw new AuthError(AuthErrorCode.BadCredentials, 'Wrong username or password.');
    }
    if (user.failedLogins > 0 || user.lockedUntil) await this.users.resetFailures(user.id);
    return this.issue(user);
  }

  async refresh(token: string): Promise<TokenPair> {
    const row = await this.findRefresh(token);
    const user = row && (await this.users.findById(row.userId));
    if (!row || !user)
      throw new AuthError(AuthErrorCode.BadRefreshToken, 'Invalid or expired refresh token.');
    // Rotation: a refresh token works once.
    await this.refreshTokens.update({ id: row.id }, { revokedAt: new Date() });
    return this.issue(user);
  }

  async logout(token: string): Promise<void> {
    const row = await this.findRefresh(token);
    if (row) await this.refreshTokens.update({ id: row.id }, { revokedAt: new Date() });
  }

  /** The identity an access token stands for, or null. */
  identityFromToken(token: string): Identity | null {
    const claims = verifyJwt(token, this.secret, Math.floor(Date.now() / 1000));
    if (!claims || !ROLES.includes(claims.role as Role)) return null;
    return {
      userId: claims.sub,
      username: String(claims.username),
      role: claims.role as Role,
      tenantId: (claims.tenantId as string | null) ?? null,
      ...(claims.agentId ? { agentId: String(claims.agentId) } : {}),
    };
  }

  private async issue(user: UserEntity): Promise<TokenPair> {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signJwt(
      {
        sub: user.id,
        username: user.username,
        role: user.role,
        tenantId: user.tenantId,
        agentId: user.agentId,
        iat: now,
        exp: now + this.accessTtl,
      },
      this.secret,
    );
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      id,
      userId: user.id,
      tokenHash: sha256(secret),
      expiresAt: new Date((now + this.refreshTtl) * 1000),
      revokedAt: null,
    });
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.accessTtl };
  }

  private async findRefresh(token: string): Promise<RefreshTokenEntity | null> {
    const [id, secret] = token.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return null;
    const row = await this.refreshTokens.findOneBy({ id, revokedAt: IsNull() });
    if (!row || row.tokenHash !== sha256(secret) || row.expiresAt.getTime() <= Date.now())
      return null;
    return row;
  }
}
