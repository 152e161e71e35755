import { CreateScoredCalls1763856000000 } from './1763856000000-create-scored-calls';
import { CreateEvaluations1763942400000 } from './1763942400000-create-evaluations';

export const migrations = [CreateScoredCalls1763856000000, CreateEvaluations1763942400000];
