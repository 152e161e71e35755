// What tools outside the service (scripts/import-calls.ts) use of it: the PBX record readers.
export { readCelHangups } from './modules/cdr-import/asterisk-cel';
export { readCdrFile } from './modules/cdr-import/cdr-file';
export { isValidZone } from './modules/cdr-import/pbx-time';
