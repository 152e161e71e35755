import { CreateMessaging1763856000000 } from './1763856000000-create-messaging';

export const migrations = [CreateMessaging1763856000000];
