export * from './batch-state';
export * from './batch-totals';
export * from './batch.exception';
export * from './serial-block';
