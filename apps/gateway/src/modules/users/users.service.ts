import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Identity, ProblemError, Role } from '@qa/platform';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { TenantsRepository } from '../tenants/tenants.repository';
import { CreateUserRequestDto, UserResponseDto } from './dto/create-user.request.dto';
import { ListUsersRequestDto } from './dto/list-users.request.dto';
import { UserEntity } from './entities/user.entity';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tenants: TenantsRepository,
  ) {}

  async create(actor: Identity, dto: CreateUserRequestDto): Promise<UserResponseDto> {
    // A tenant admin manages its own tenant only; other tenants look absent (404, not 403).
    if (actor.role !== 'platform_admin' && dto.tenantId !== actor.tenantId) {
      throw new ProblemError(404, 'Not found', `tenant ${dto.tenantId} not found`);
    }
    if (dto.role === 'platform_admin') {
      throw new ProblemError(
        400,
        'Invalid request',
        'platform admins are not created through the API',
        [{ path: 'role', message: 'must be a tenant role' }],
      );
    }
    if (!(await this.tenants.exists(this.dataSource.manager, dto.tenantId))) {
      throw new ProblemError(404, 'Not found', `tenant ${dto.tenantId} not found`);
    }
    return this.insert({ ...dto, agentId: dto.agentId ?? null, teamId: dto.teamId ?? null });
  }

  /** A tenant admin lists their own tenant whatever they ask for; the platform admin picks one. */
  async list(actor: Identity, query: ListUsersRequestDto): Promise<UserResponseDto[]> {
    const tenantId = actor.role === 'platform_admin' ? query.tenantId : actor.tenantId;
    if (tenantId === null) return [];
    return (await this.users.list(tenantId)).map(toUserResponse);
  }

  /** Used by the seed: creates the user unless the username exists. */
  async ensure(u: {
    username: string;
    password: string;
    role: Role;
    tenantId: string | null;
    agentId?: string | null;
    teamId?: string | null;
  }) {
    const existing = await this.users.findByUsername(u.username);
    if (existing) return toUserResponse(existing);
    return this.insert({ ...u, agentId: u.agentId ?? null, teamId: u.teamId ?? null });
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
      throw new ProblemError(409, 'Conflict', `username ${u.username} is taken`, [
        { path: 'username', message: 'already exists' },
      ]);
    }
    return toUserResponse(row);
  }
}
