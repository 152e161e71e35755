import { CreateMessaging1765152000000 } from './1765152000000-create-messaging';
import { CreateCoaching1765152000001 } from './1765152000001-create-coaching';

export const migrations = [CreateMessaging1765152000000, CreateCoaching1765152000001];
