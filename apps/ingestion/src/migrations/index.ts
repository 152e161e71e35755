import { EncryptCustomerNumbers1764633600000 } from './1764633600000-encrypt-customer-numbers';
import { CreateCalls1763856000000 } from './1763856000000-create-calls';
import { CreateTenantsRecordings1763942400000 } from './1763942400000-create-tenants-recordings';
import { Lz4Bodies1764028800000 } from './1764028800000-lz4-bodies';
import { CallDisposition1764547200000 } from './1764547200000-call-disposition';

export const migrations = [
  CreateCalls1763856000000,
  CreateTenantsRecordings1763942400000,
  Lz4Bodies1764028800000,
  CallDisposition1764547200000,
  EncryptCustomerNumbers1764633600000,
];
