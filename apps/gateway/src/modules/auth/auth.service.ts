import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Identity, ROLES, Role } from '@qa/platform';
import { UserEntity } from '../users/entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AuthError, AuthErrorCode, tooManyAttempts } from './auth.errors';
import { signJwt, verifyJwt } from './jwt';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-policy';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenVersions } from './token-versions';

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
  private readonly throttle = new LoginThrottle();
  private readonly versions: TokenVersions;
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
    this.versions = new TokenVersions((id) => this.users.tokenVersion(id));
  }

  /** Unknown usernames and wrong passwords get the same answers, throttled the same way. */
  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    const verdict = this.throttle.check(username, ip, Date.now());
    if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterMs);
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    // A disabled account gets the wrong-password answer: it reveals nothing about the account.
    if (!user || !ok || user.disabledAt) {
      this.throttle.failed(username, ip, Date.now());
      throw new AuthError(AuthErrorCode.BadCredentials, 'Wrong username or password.');
    }
    this.throttle.succeeded(username);
    return this.issue(user);
  }

  /** Rotation: a refresh token works once; a long-spent one presented again ends every session. */
  async refresh(token: string): Promise<TokenPair> {
    const parsed = parseRefreshToken(token);
    // While the account waits out a login backoff its sessions wait too (the token stays unspent).
    const owner = parsed && (await this.refreshTokens.ownerOf(parsed.id, sha256(parsed.secret)));
    const user = owner ? await this.users.findById(owner) : null;
    const wait = user && this.throttle.waitOf(user.username, Date.now());
    if (wait && !wait.allowed) throw tooManyAttempts(wait.retryAfterMs);
    const used = parsed && (await this.refreshTokens.consume(parsed.id, sha256(parsed.secret)));
    if (used?.status === 'reused') {
      this.logger.warn({ userId: used.userId }, 'spent refresh token presented; sessions revoked');
      await this.refreshTokens.revokeAllOf(used.userId);
    }
    if (used?.status !== 'ok' || !user || used.userId !== user.id || user.disabledAt)
      throw new AuthError(AuthErrorCode.BadRefreshToken, 'Invalid or expired refresh token.');
    return this.issue(user);
  }

  /** Spends the refresh token and revokes the user's access tokens issued so far. */
  async logout(token: string): Promise<void> {
    const parsed = parseRefreshToken(token);
    const used = parsed && (await this.refreshTokens.consume(parsed.id, sha256(parsed.secret)));
    if (used?.status === 'ok') {
      this.versions.set(used.userId, await this.users.bumpTokenVersion(used.userId));
    }
  }

  /** Every session of the user ends: access tokens by version, refresh tokens revoked. */
  async changePassword(
    identity: Identity,
    current: string,
    next: string,
    ip: string,
  ): Promise<void> {
    const verdict = this.throttle.check(identity.username, ip, Date.now());
    if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterMs);
    const user = await this.users.findById(identity.userId);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      this.throttle.failed(identity.username, ip, Date.now());
      throw new AuthError(AuthErrorCode.WrongPassword, 'The current password is wrong.', {
        errors: [{ path: 'currentPassword', message: 'is not the current password' }],
      });
    }
    const problem = passwordProblem(next, user.username);
    if (problem) {
      throw new AuthError(AuthErrorCode.WeakPassword, `The new password ${problem}.`, {
        errors: [{ path: 'newPassword', message: problem }],
      });
    }
    this.versions.set(user.id, await this.users.setPassword(user.id, await hashPassword(next)));
    await this.refreshTokens.revokeAllOf(user.id);
    this.logger.log({ userId: user.id }, 'password changed; sessions revoked');
  }

  /**
   * After an admin changed, disabled or deleted the user: this gateway refuses the old access
   * tokens at once (`version` is the new one, null when none is valid) and no refresh token works.
   */
  async endSessions(userId: string, version: number | null): Promise<void> {
    this.versions.set(userId, version);
    await this.refreshTokens.revokeAllOf(userId);
  }

  /** The identity a live access token stands for, or null (bad, expired or revoked). */
  async identityFromToken(token: string): Promise<Identity | null> {
    const claims = verifyJwt(token, this.secret, Math.floor(Date.now() / 1000));
    if (!claims || !ROLES.includes(claims.role as Role) || typeof claims.ver !== 'number') {
      return null;
    }
    if ((await this.versions.current(claims.sub)) !== claims.ver) return null;
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
    this.versions.set(user.id, user.tokenVersion);
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signJwt(
      {
        sub: user.id,
        username: user.username,
        role: user.role,
        tenantId: user.tenantId,
        agentId: user.agentId,
        teamId: user.teamId,
        ver: user.tokenVersion,
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
