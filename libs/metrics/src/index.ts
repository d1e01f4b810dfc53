export * from './bounded-label-values';
export * from './metrics.module';
export * from './service-registry';
