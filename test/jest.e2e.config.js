// End-to-end tier: the built services run as real processes against real Kafka and PostgreSQL.
const base = require('./jest.base.config');

module.exports = {
  ...base,
  displayName: 'e2e',
  roots: ['<rootDir>/test/e2e'],
  testRegex: '\\.e2e\\.ts$',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 300000,
};
