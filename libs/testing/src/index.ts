export * from './eventually';
export * from './free-port';
export * from './kafka-test-client';
export * from './test-database';
