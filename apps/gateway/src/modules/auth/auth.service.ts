import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Identity, ROLES, Role } from '@qa/platform';
import { UserEntity } from '../users/entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AuthError, AuthErrorCode } from './auth.errors';
import { signJwt, verifyJwt } from './jwt';
import { LoginRateLimiter } from './login-rate-limiter';
import { hashPassword, verifyPassword } from './password';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** `<uuid>.<secret>`, or null for anything else. */
function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const [id, secret, extra] = token.split('.');
  if (extra !== undefined || !secret || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { id, secret };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly secret: string;
  private readonly accessTtl: number;
  private readonly refreshTtl: number;
  private readonly limiter = new LoginRateLimiter(10, 60_000);
  // Compared against when the user does not exist, so timing does not reveal usernames.
  private readonly dummyHash = hashPassword(randomUUID());

  constructor(
    config: ConfigService,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
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

  /** Rotation: a refresh token works once; a long-spent one presented again ends every session. */
  async refresh(token: string): Promise<TokenPair> {
    const parsed = parseRefreshToken(token);
    const used = parsed && (await this.refreshTokens.consume(parsed.id, sha256(parsed.secret)));
    if (used?.status === 'reused') {
      this.logger.warn({ userId: used.userId }, 'spent refresh token presented; sessions revoked');
      await this.refreshTokens.revokeAllOf(used.userId);
    }
    const user = used?.status === 'ok' ? await this.users.findById(used.userId) : null;
    if (!user)
      throw new AuthError(AuthErrorCode.BadRefreshToken, 'Invalid or expired refresh token.');
    return this.issue(user);
  }

  async logout(token: string): Promise<void> {
    const parsed = parseRefreshToken(token);
    if (parsed) await this.refreshTokens.consume(parsed.id, sha256(parsed.secret));
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
      ...(claims.teamId ? { teamId: String(claims.teamId) } : {}),
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
        teamId: user.teamId,
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
    });
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.accessTtl };
  }
}
