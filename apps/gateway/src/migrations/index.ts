import { CreateUsersTenants1763856000000 } from './1763856000000-create-users-tenants';

export const migrations = [CreateUsersTenants1763856000000];
