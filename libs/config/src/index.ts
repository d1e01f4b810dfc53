export * from './config-validation.error';
export * from './database.env';
export * from './http-port.decorator';
export * from './kafka.env';
export * from './load-config';
export * from './log-settings.decorator';
export * from './redact-secrets';
