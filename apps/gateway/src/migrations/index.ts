import { CreateUsersTenants1763856000000 } from './1763856000000-create-users-tenants';
import { AddUserTeam1764460800000 } from './1764460800000-add-user-team';
import { UsersTokenVersion1764633600000 } from './1764633600000-users-token-version';
import { UsersDisabled1764806400000 } from './1764806400000-users-disabled';
import { UsersVersion1765497600000 } from './1765497600000-users-version';

export const migrations = [
  CreateUsersTenants1763856000000,
  AddUserTeam1764460800000,
  UsersTokenVersion1764633600000,
  UsersDisabled1764806400000,
  UsersVersion1765497600000,
];
