export * from './database-health.indicator';
export * from './database.module';
export * from './ensure-database';
export * from './migrate-exclusively';
export * from './service-data-source';
