import { ConfigValidationError, loadConfig } from '@refurb/config';
import { IssuanceEnv } from './issuance.env';

describe('IssuanceEnv', () => {
  it('does not seed local reference data unless asked', () => {
    expect(loadConfig(IssuanceEnv, {}).ISSUANCE_SEED_LOCAL).toBe(false);
    expect(loadConfig(IssuanceEnv, { ISSUANCE_SEED_LOCAL: 'true' }).ISSUANCE_SEED_LOCAL).toBe(true);
    expect(loadConfig(IssuanceEnv, { ISSUANCE_SEED_LOCAL: '0' }).ISSUANCE_SEED_LOCAL).toBe(false);
  });

  it('names a value that is not a boolean', () => {
    expect(() => loadConfig(IssuanceEnv, { ISSUANCE_SEED_LOCAL: 'maybe' })).toThrow(ConfigValidationError);
  });
});
