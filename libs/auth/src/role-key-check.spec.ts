import { issueApiKey } from './api-key';
import { checkRoleKey, StoredRoleKey } from './role-key-check';

describe('checkRoleKey', () => {
  const issued = issueApiKey();
  const stored: StoredRoleKey<'reader' | 'writer'> = {
    keyId: issued.keyId,
    role: 'reader',
    secretHash: issued.secretHash,
    revoked: false,
  };
  const find = (keys: StoredRoleKey<'reader' | 'writer'>[]) => (keyId: string) =>
    Promise.resolve(keys.find((key) => key.keyId === keyId));
  const bearer = { authorization: `Bearer ${issued.apiKey}` };

  it('accepts an active key whose role is allowed', async () => {
    expect(await checkRoleKey(bearer, ['reader'], find([stored]))).toEqual({ ok: true, key: stored });
  });

  it('answers the same code for missing-from-store, revoked, malformed and wrong-secret keys', async () => {
    const other = issueApiKey();
    const cases = [
      checkRoleKey(bearer, ['reader'], find([])),
      checkRoleKey(bearer, ['reader'], find([{ ...stored, revoked: true }])),
      checkRoleKey({ authorization: 'Bearer nonsense' }, ['reader'], find([stored])),
      checkRoleKey(bearer, ['reader'], find([{ ...stored, secretHash: other.secretHash }])),
    ];
    for (const result of await Promise.all(cases)) {
      expect(result).toMatchObject({ ok: false, code: 'AUTH.INVALID_API_KEY' });
    }
  });

  it('tells a missing key from a role that may not call the route, and closes routes naming no role', async () => {
    expect(await checkRoleKey({}, ['reader'], find([stored]))).toMatchObject({
      code: 'AUTH.MISSING_API_KEY',
    });
    expect(await checkRoleKey(bearer, ['writer'], find([stored]))).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await checkRoleKey(bearer, [], find([stored]))).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });
});
