export * from './batch-transition-record';
export * from './cycle-credit-record';
export * from './json-reader';
export * from './message-read';
export * from './topic-messages';
export * from './topic-record';
export * from './record-limits';
