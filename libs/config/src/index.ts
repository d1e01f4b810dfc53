export * from './cache-dir';
export * from './config-validation.error';
export * from './database.env';
export * from './http-port.decorator';
export * from './kafka.env';
export * from './load-config';
export * from './key-material';
export * from './signing-keys';
