export * from './ensure-schema';
export * from './typeorm-options';
