import { parseApiKey } from '@refurb/auth';
import { BatchSnapshot } from '@refurb/contracts';
import { creditRecord, imeiOf } from '@refurb/issuance/testing/credit-records.fixture';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

interface Answer<T = unknown> {
  status: number;
  body: T & { code?: string };
  setCookie: string | null;
}

/**
 * The console's session against the issuance service: a key exchanged for a cookie that the /v1 routes
 * accept only with the console's header, under the key's role and in the key's name, and that ends with
 * sign-out, expiry or the key's revocation.
 */
describe('console sessions', () => {
  let service: IssuanceTestApp;

  async function call<T = unknown>(
    method: string,
    path: string,
    options: { cookie?: string; header?: boolean; body?: unknown } = {},
  ): Promise<Answer<T>> {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.header === false ? {} : { 'x-console': '1' }),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T & { code?: string },
      setCookie: response.headers.get('set-cookie'),
    };
  }

  async function signIn(apiKey: string): Promise<string> {
    const answer = await call('POST', '/console/api/session', { body: { apiKey } });
    expect(answer.status).toBe(201);
    return (answer.setCookie ?? '').split(';')[0];
  }

  beforeAll(async () => {
    service = await IssuanceTestApp.start('console_session');
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('exchanges a key for an HttpOnly, SameSite=Strict cookie and tells the page its role, never the key', async () => {
    const apiKey = await service.keyOf('verifier');
    const answer = await call<{ role: string; keyId: string }>('POST', '/console/api/session', {
      body: { apiKey },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ role: 'verifier', keyId: parseApiKey(apiKey)?.keyId });
    expect(JSON.stringify(answer.body)).not.toContain(apiKey);
    expect(answer.setCookie).toMatch(
      /^console_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    );
    const cookie = (answer.setCookie ?? '').split(';')[0];
    expect((await call('GET', '/console/api/session', { cookie })).body).toMatchObject({ role: 'verifier' });
    // Only the token's hash is stored.
    const [row] = await service.database.query<{ token_hash: string }>(
      'SELECT token_hash FROM issuance.console_sessions',
    );
    expect(cookie).not.toContain(row.token_hash);
  });

  it('refuses a sign-in without the console header, and a bad key with the same 401 as a missing one', async () => {
    const apiKey = await service.keyOf('finance');
    expect((await call('POST', '/console/api/session', { body: { apiKey }, header: false })).body.code).toBe(
      'CONSOLE.HEADER_MISSING',
    );
    for (const body of [{ apiKey: 'rl_nope.nope' }, {}, []]) {
      const answer = await call('POST', '/console/api/session', { body });
      expect([answer.status, answer.body.code]).toEqual([401, expect.stringMatching(/^AUTH\./)]);
    }
  });

  it('lets the /v1 routes take the cookie only with the header, and only for the role of its key', async () => {
    const cookie = await signIn(await service.keyOf('verifier'));
    expect((await call('GET', '/v1/batches', { cookie })).status).toBe(200);
    const bare = await call('GET', '/v1/batches', { cookie, header: false });
    expect([bare.status, bare.body.code]).toEqual([403, 'CONSOLE.HEADER_MISSING']);
    const close = await call('POST', '/v1/batches/CS-FR-2025-1/close', { cookie });
    expect([close.status, close.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    // An API key, when sent, is what authenticates, whatever cookie comes with it.
    const response = await fetch(`${service.url}/v1/projects`, {
      headers: { cookie, authorization: `Bearer ${await service.keyOf('admin')}` },
    });
    expect(response.status).toBe(200);
  });

  it("records a transition made through the console in the name of the session's key", async () => {
    await service.cli('project', 'upsert', 'CS-FR', '--company', 'Console Session', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-console-session', '--name', 'CS', '--project', 'CS-FR');
    const records = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      creditRecord({
        deviceId: imeiOf(45, n),
        category: 'laptop',
        workshopId: 'ws-console-session',
        vintage: 2025,
      }),
    );
    await service.produce(records);
    const [line] = await service.linesEventually(records.map((record) => record.id));
    const financeKey = await service.keyOf('finance');
    const cookie = await signIn(financeKey);
    const closed = await call<{ batch: BatchSnapshot }>('POST', `/v1/batches/${line.batch_id}/close`, {
      cookie,
    });
    expect(closed.status).toBe(200);
    const history = await call<{ action: string; actor: string }[]>(
      'GET',
      `/v1/batches/${line.batch_id}/history`,
      {
        cookie,
      },
    );
    expect(history.body).toEqual([
      expect.objectContaining({ action: 'close', actor: `key:${parseApiKey(financeKey)?.keyId}` }),
    ]);
  });

  it('ends a session at sign-out, at expiry and when its key is revoked', async () => {
    const signedOut = await signIn(await service.keyOf('finance'));
    const out = await call('DELETE', '/console/api/session', { cookie: signedOut });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^console_session=; Path=\/; Max-Age=0/);
    expect((await call('GET', '/v1/batches', { cookie: signedOut })).body.code).toBe('CONSOLE.NOT_SIGNED_IN');

    const expiring = await signIn(await service.keyOf('finance'));
    await service.database.query(
      `UPDATE issuance.console_sessions SET expires_at = now() - interval '1 second'`,
    );
    const expired = await call('GET', '/v1/batches', { cookie: expiring });
    expect([expired.status, expired.body.code]).toEqual([401, 'CONSOLE.SESSION_EXPIRED']);

    const { output } = await service.cli('key-create', '--role', 'finance', '--label', 'soon revoked');
    const revokedKey = (output as { apiKey: string }).apiKey;
    const revoking = await signIn(revokedKey);
    expect((await call('GET', '/v1/batches', { cookie: revoking })).status).toBe(200);
    await service.cli('key-revoke', parseApiKey(revokedKey)?.keyId ?? '');
    const revoked = await call('GET', '/v1/batches', { cookie: revoking });
    expect([revoked.status, revoked.body.code]).toEqual([401, 'CONSOLE.SESSION_EXPIRED']);
  });
});
