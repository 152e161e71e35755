import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Identity, Role, TenantError } from '@qa/platform';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import { TenantsRepository } from '../tenants/tenants.repository';
import { CreateUserRequestDto, UserResponseDto } from './dto/create-user.request.dto';
import { ListUsersRequestDto } from './dto/list-users.request.dto';
import { UserEntity } from './entities/user.entity';
import { UserError } from './users.errors';
import { UsersRepository } from './users.repository';

export const toUserResponse = (
  u: Pick<UserEntity, 'id' | 'username' | 'role' | 'tenantId' | 'agentId' | 'teamId'>,
): UserResponseDto => ({
  id: u.id,
  username: u.username,
  role: u.role,
  tenantId: u.tenantId,
  agentId: u.agentId,
  teamId: u.teamId,
});

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tenants: TenantsRepository,
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
