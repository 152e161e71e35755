import { CreateMessaging1765152000000 } from './1765152000000-create-messaging';
import { CreateCoaching1765152000001 } from './1765152000001-create-coaching';
import { CreateDailyPlans1765152000002 } from './1765152000002-create-daily-plans';
import { CreatePromotionRounds1765152000003 } from './1765152000003-create-promotion-rounds';
import { CreateTraining1765152000004 } from './1765152000004-create-training';
import { IndexTrainingCalls1765152000005 } from './1765152000005-index-training-calls';
import { CreateAgentKpiMonths1765152000006 } from './1765152000006-create-agent-kpi-months';

export const migrations = [
  CreateMessaging1765152000000,
  CreateCoaching1765152000001,
  CreateDailyPlans1765152000002,
  CreatePromotionRounds1765152000003,
  CreateTraining1765152000004,
  IndexTrainingCalls1765152000005,
  CreateAgentKpiMonths1765152000006,
];
