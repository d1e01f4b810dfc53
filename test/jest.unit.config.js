// Unit tier: pure specs beside the code; no broker, no database.
const base = require('./jest.base.config');

module.exports = {
  ...base,
  displayName: 'unit',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test/architecture'],
  testRegex: '\\.spec\\.ts$',
};
