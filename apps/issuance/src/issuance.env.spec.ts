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

  it('reads the webhook relay settings, and names one out of range', () => {
    const env = loadConfig(IssuanceEnv, {
      ISSUANCE_WEBHOOK_RETRY_BASE_MS: '250',
      ISSUANCE_WEBHOOK_MAX_ATTEMPTS: '3',
    });
    expect([env.ISSUANCE_WEBHOOK_RETRY_BASE_MS, env.ISSUANCE_WEBHOOK_MAX_ATTEMPTS]).toEqual([250, 3]);
    expect(env.ISSUANCE_WEBHOOK_TIMEOUT_MS).toBe(10_000);
    expect(() => loadConfig(IssuanceEnv, { ISSUANCE_WEBHOOK_TIMEOUT_MS: '0' })).toThrow(
      /ISSUANCE_WEBHOOK_TIMEOUT_MS/,
    );
    expect(() => loadConfig(IssuanceEnv, { ISSUANCE_WEBHOOK_MAX_ATTEMPTS: 'many' })).toThrow(
      /ISSUANCE_WEBHOOK_MAX_ATTEMPTS/,
    );
  });
});
