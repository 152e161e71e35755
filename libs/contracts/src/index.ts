export * from './generated';
export * from './topics';
export * from './headers';
export * from './validate-events';
export * from './record-limits';
export * from './event-schema';
export * from './trace-context';
