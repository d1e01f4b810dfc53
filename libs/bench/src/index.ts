export * from './bench-report';
export * from './peak-memory';
export * from './percentiles';
export * from './raw-drain';
export * from './replay-tenths';
