import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Identity, Role, TenantError } from '@qa/platform';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import { TenantsRepository } from '../tenants/tenants.repository';
import { CreateUserRequestDto, UserResponseDto } from './dto/create-user.request.dto';
import { ListUsersRequestDto } from './dto/list-users.request.dto';
import { UpdateUserRequestDto } from './dto/update-user.request.dto';
import { UserEntity } from './entities/user.entity';
import { UserError } from './users.errors';
import { UsersRepository } from './users.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const toUserResponse = (
  u: Pick<UserEntity, 'id' | 'username' | 'role' | 'tenantId' | 'agentId' | 'teamId'> &
    Partial<Pick<UserEntity, 'disabledAt' | 'version'>>,
): UserResponseDto => ({
  id: u.id,
  username: u.username,
  role: u.role,
  tenantId: u.tenantId,
  agentId: u.agentId,
  teamId: u.teamId,
  disabled: Boolean(u.disabledAt),
  version: u.version ?? 1,
});

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tenants: TenantsRepository,
    private readonly auth: AuthService,
  ) {}

  async create(actor: Identity, dto: CreateUserRequestDto): Promise<UserResponseDto> {
    // A tenant admin manages its own tenant only; other tenants look absent (404, not 403).
    if (actor.role !== 'platform_admin' && dto.tenantId !== actor.tenantId) {
      throw TenantError.notFound(dto.tenantId);
    }
    if (dto.role === 'platform_admin') throw UserError.notTenantRole();
    // An agent sees only calls carrying their agent id: without one they would see nothing.
    if (dto.role === 'agent' && !dto.agentId?.trim()) throw UserError.agentWithoutId();
    if (!(await this.tenants.exists(this.dataSource.manager, dto.tenantId))) {
      throw TenantError.notFound(dto.tenantId);
    }
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw UserError.weakPassword(problem);
    return this.insert({ ...dto, agentId: dto.agentId ?? null, teamId: dto.teamId ?? null });
  }

  /** A tenant admin lists their own tenant whatever they ask for; the platform admin picks one. */
  async list(actor: Identity, query: ListUsersRequestDto): Promise<UserResponseDto[]> {
    const tenantId = actor.role === 'platform_admin' ? query.tenantId : actor.tenantId;
    if (tenantId === null) return [];
    return (await this.users.list(tenantId)).map(toUserResponse);
  }

  /** Role, ids and disabling; every change ends the user's sessions (tokens carry the old claims). */
  async update(actor: Identity, id: string, dto: UpdateUserRequestDto): Promise<UserResponseDto> {
    const user = await this.manageable(actor, id);
    if (dto.expectedVersion !== undefined && dto.expectedVersion !== user.version)
      throw UserError.stale(dto.expectedVersion, user.version);
    if (user.id === actor.userId) {
      if (dto.role !== undefined && dto.role !== user.role) throw UserError.ownAccount('role');
      if (dto.disabled) throw UserError.ownAccount('disabled');
    }
    if (dto.role === 'platform_admin') throw UserError.notTenantRole();
    const role = dto.role ?? user.role;
    const agentId = dto.agentId === undefined ? user.agentId : dto.agentId?.trim() || null;
    if (role === 'agent' && !agentId) throw UserError.agentWithoutId();
    const updated = await this.users.update(id, dto.expectedVersion, {
      role,
      agentId,
      teamId: dto.teamId === undefined ? user.teamId : dto.teamId?.trim() || null,
      ...(dto.disabled === undefined
        ? {}
        : { disabledAt: dto.disabled ? (user.disabledAt ?? new Date()) : null }),
    });
    if (!updated) throw await this.lostRace(id, dto.expectedVersion);
    await this.auth.endSessions(id, updated.disabledAt ? null : updated.tokenVersion);
    this.logger.log({ userId: id, by: actor.userId }, 'user changed; sessions ended');
    return toUserResponse(updated);
  }

  /** An admin sets a new password (the user forgot theirs); every session of the user ends. */
  async resetPassword(actor: Identity, id: string, password: string): Promise<void> {
    const user = await this.manageable(actor, id);
    const problem = passwordProblem(password, user.username);
    if (problem) {
      throw UserError.weakPassword(problem, 'newPassword');
    }
    const version = await this.users.setPassword(id, await hashPassword(password));
    if (version === null) throw UserError.notFound(id);
    await this.auth.endSessions(id, version);
    this.logger.log({ userId: id, by: actor.userId }, 'password reset by an admin');
  }

  async remove(actor: Identity, id: string): Promise<void> {
    const user = await this.manageable(actor, id);
    if (user.id === actor.userId) throw UserError.ownAccount('id');
    // Refresh tokens go with the row (ON DELETE CASCADE); access tokens find no version.
    if (!(await this.users.delete(id))) throw UserError.notFound(id);
    await this.auth.endSessions(id, null);
    this.logger.log({ userId: id, by: actor.userId }, 'user deleted');
  }

  /** A tenant user the actor administers; anyone else (another tenant, a platform admin) is 404. */
  /** The update found no row: deleted meanwhile (404), or another admin's edit came first (409). */
  private async lostRace(id: string, expectedVersion: number | undefined): Promise<UserError> {
    const now = await this.users.findById(id);
    return now && expectedVersion !== undefined
      ? UserError.stale(expectedVersion, now.version)
      : UserError.notFound(id);
  }

  private async manageable(actor: Identity, id: string): Promise<UserEntity> {
    const user = UUID.test(id) ? await this.users.findById(id) : null;
    if (
      !user ||
      user.tenantId === null ||
      (actor.role !== 'platform_admin' && user.tenantId !== actor.tenantId)
    ) {
      throw UserError.notFound(id);
    }
    return user;
  }

  /**
   * Used by the seed: creates the user unless the username exists. An existing user still on one
   * of the `legacy` passwords (published before the password policy) gets `password` instead.
   */
  async ensure(
    u: {
      username: string;
      password: string | undefined;
      role: Role;
      tenantId: string | null;
      agentId?: string | null;
      teamId?: string | null;
    },
    legacy: string[] = [],
  ) {
    const existing = await this.users.findByUsername(u.username);
    if (existing) {
      if (u.password && (await this.usesAnyOf(existing.passwordHash, legacy))) {
        await this.users.setPassword(existing.id, await hashPassword(u.password));
        this.logger.warn({ username: u.username }, 'replaced a published default password');
      }
      return toUserResponse(existing);
    }
    if (!u.password) {
      throw new Error(
        `no password to create ${u.username} with: set ADMIN_PASSWORD (npm start generates one)`,
      );
    }
    return this.insert({
      ...u,
      password: u.password,
      agentId: u.agentId ?? null,
      teamId: u.teamId ?? null,
    });
  }

  private async usesAnyOf(hash: string, passwords: string[]): Promise<boolean> {
    for (const p of passwords) if (await verifyPassword(p, hash)) return true;
    return false;
  }

  private async insert(u: {
    username: string;
    password: string;
    role: Role;
    tenantId: string | null;
    agentId: string | null;
    teamId: string | null;
  }) {
    const row = {
      id: randomUUID(),
      username: u.username,
      passwordHash: await hashPassword(u.password),
      role: u.role,
      tenantId: u.tenantId,
      agentId: u.agentId,
      teamId: u.teamId,
    };
    if (!(await this.users.insertIfAbsent(row))) {
      throw UserError.usernameTaken(u.username);
    }
    return toUserResponse(row);
  }
}
