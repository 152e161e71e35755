export * from './identity';
export * from './wait-for';
export * from './topic-recorder';
export * from './broker-control';
export * from './events';
export * from './sample-call';
export * from './services';
export * from './seed-tenant';
