export * from './ensure-schema';
export * from './typeorm-options';
export * from './infrastructure-errors';
export * from './call-key-columns';
export * from './wait-until-reachable';
