import { CreateMessaging1763856000000 } from './1763856000000-create-messaging';
import { CreateKpiFacts1764460800000 } from './1764460800000-create-kpi-facts';
import { AddTransitionBusinessHours1764547300000 } from './1764547300000-add-transition-business-hours';
import { KeyFactCustomers1764892800000 } from './1764892800000-key-fact-customers';
import { AddCallDisposition1765065600000 } from './1765065600000-add-call-disposition';
import { AppendOnlyStaleMarks1765152000000 } from './1765152000000-append-only-stale-marks';
import { IncrementalAggregates1765324800000 } from './1765324800000-incremental-aggregates';

export const migrations = [
  CreateMessaging1763856000000,
  CreateKpiFacts1764460800000,
  AddTransitionBusinessHours1764547300000,
  KeyFactCustomers1764892800000,
  AddCallDisposition1765065600000,
  AppendOnlyStaleMarks1765152000000,
  IncrementalAggregates1765324800000,
];
