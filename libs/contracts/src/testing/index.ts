export * from './bad-input-corpus';
export * from './raw-device-events.fixture';
export * from './valid-device-events';
export * from './batch-snapshots.fixture';
export * from './validation-fuzz';
export * from './validation-equivalence';
