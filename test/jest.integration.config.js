// Integration tier: real Kafka and PostgreSQL, services wired in-process.
const base = require('./jest.base.config');

module.exports = {
  ...base,
  displayName: 'integration',
  roots: ['<rootDir>/test/integration'],
  testRegex: '\\.test\\.ts$',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 120000,
};
