export * from './dependency-health';
export * from './health.controller';
export * from './health.module';
