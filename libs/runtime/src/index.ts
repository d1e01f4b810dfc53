export * from './bootstrap-service';
export * from './logging/pretty-log-line';
export * from './logging/request-id';
export * from './logging/service-logger';
export * from './openapi/serve-openapi';
export * from './tracker-api/tracker-api-reader';
