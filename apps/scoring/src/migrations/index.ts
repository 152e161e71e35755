import { CreateScoredCalls1763856000000 } from './1763856000000-create-scored-calls';

export const migrations = [CreateScoredCalls1763856000000];
