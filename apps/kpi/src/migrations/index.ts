import { CreateMessaging1763856000000 } from './1763856000000-create-messaging';
import { CreateKpiFacts1764460800000 } from './1764460800000-create-kpi-facts';

export const migrations = [CreateMessaging1763856000000, CreateKpiFacts1764460800000];
