import { CreateCalls1763856000000 } from './1763856000000-create-calls';

export const migrations = [CreateCalls1763856000000];
