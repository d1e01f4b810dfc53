export * from './eventually';
export * from './free-port';
export * from './kafka-test-client';
export * from './test-database';
export * from './kafka-offsets';
export * from './kafka-codecs';
export * from './provision-test-topics';
export * from './produce-each';
