import { authenticatedKeyIdOf, markAuthenticatedKey } from './authenticated-key';

describe('authenticated key mark', () => {
  it('is absent until a key is accepted, then gives its id', () => {
    const request = { headers: {}, keyId: 'claimed-by-the-body' };
    expect(authenticatedKeyIdOf(request)).toBeUndefined();
    markAuthenticatedKey(request, 'rk_0123');
    expect(authenticatedKeyIdOf(request)).toBe('rk_0123');
  });

  it('cannot be set by anything a client sends, which is only ever string-keyed', () => {
    const fromJson = JSON.parse('{"refurb-ledger.authenticated-key-id": "forged"}') as object;
    expect(authenticatedKeyIdOf(fromJson)).toBeUndefined();
  });
});
