import { apiKeyFromHeaders, issueApiKey, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  it('issues keys that parse back and match only their own hash', () => {
    const first = issueApiKey();
    const second = issueApiKey();
    const parsed = parseApiKey(first.apiKey)!;
    expect(parsed.keyId).toBe(first.keyId);
    expect(secretMatches(parsed.secret, first.secretHash)).toBe(true);
    expect(secretMatches(parsed.secret, second.secretHash)).toBe(false);
    expect(first.apiKey).not.toContain(first.secretHash);
  });

  it('rejects strings that are not keys', () => {
    for (const bad of ['', 'rl_', 'rl_short_secret', `rl_ABCDEFGHIJKL_${'a'.repeat(43)}`, 'Bearer x']) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });

  it('reads the key from Authorization: Bearer or X-API-Key', () => {
    expect(apiKeyFromHeaders({ authorization: 'Bearer rl_abc' })).toBe('rl_abc');
    expect(apiKeyFromHeaders({ 'x-api-key': ' rl_def ' })).toBe('rl_def');
    expect(apiKeyFromHeaders({ authorization: 'Basic xyz' })).toBeUndefined();
    expect(apiKeyFromHeaders({})).toBeUndefined();
  });
});
