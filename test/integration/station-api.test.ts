import { appendLuhnCheckDigit } from '@refurb/contracts';
import { TestDatabase } from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { DEMO_STATION_PARTNER } from '../../apps/gateway/src/partner-keys/demo-partners';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';

const DEVICE = `imei:${appendLuhnCheckDigit('35299000123456')}`;

/**
 * The scan station's API without a browser: who may sign in, what a session may do, and that its steps
 * meet the admission of POST /v1/events (the browser test, station-browser.test.ts, does the rest).
 */
describe('scan station API', () => {
  let database: TestDatabase;
  let gateway: InProcessGateway;
  let workshopKey: string;

  const api = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${gateway.url}/station/api${path}`, init);

  async function signIn(apiKey: string): Promise<{ status: number; cookie: string; body: unknown }> {
    const response = await api('/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-station': '1' },
      body: JSON.stringify({ apiKey }),
    });
    return {
      status: response.status,
      cookie: (response.headers.get('set-cookie') ?? '').split(';')[0],
      body: await response.json(),
    };
  }

  function step(workshopId: string): Record<string, unknown> {
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: 'station',
      type: 'device.diagnosed',
      subject: DEVICE,
      time: new Date().toISOString(),
      data: { deviceId: DEVICE, workshopId, outcome: 'refurbishable' },
    };
  }

  beforeAll(async () => {
    database = await TestDatabase.create('station_api');
    gateway = await startGateway(database, { GATEWAY_STATION_SESSION_MINUTES: '5' });
    await gateway.partners.seedDemoPartners();
    workshopKey = (await gateway.partners.createKey(DEMO_STATION_PARTNER, 'station-api')).apiKey;
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('signs a workshop key in for its one workshop, for GATEWAY_STATION_SESSION_MINUTES', async () => {
    const before = Date.now();
    const { status, cookie, body } = await signIn(workshopKey);
    expect(status).toBe(201);
    expect(body).toMatchObject({ partnerId: DEMO_STATION_PARTNER, workshopId: 'ws-lyon-01' });
    const expiresIn = Date.parse((body as { expiresAt: string }).expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000 + 1000);
    const session = await api('/session', { headers: { cookie } });
    expect(await session.json()).toMatchObject({ workshopId: 'ws-lyon-01' });
  });

  it('refuses keys that are not workshop keys, and bad keys, without a session', async () => {
    // atelier-lyon may name any workshop: it is a partner key, not a workshop's.
    const anyWorkshop = (await gateway.partners.createKey('atelier-lyon', 'station-api')).apiKey;
    const collector = (await gateway.partners.createKey('rebox-fr', 'station-api')).apiKey;
    for (const key of [anyWorkshop, collector]) {
      const { status, body, cookie } = await signIn(key);
      expect([status, body]).toEqual([
        403,
        expect.objectContaining({ code: 'GATEWAY.STATION_NOT_A_WORKSHOP_KEY' }),
      ]);
      expect(cookie).toBe('');
    }
    expect(await signIn('rl_nope')).toMatchObject({ status: 401, body: { code: 'GATEWAY.INVALID_API_KEY' } });
  });

  it('needs X-Station on every change, sign-in included', async () => {
    const { cookie } = await signIn(workshopKey);
    const withoutHeader = await api('/events', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify([step('ws-lyon-01')]),
    });
    expect(withoutHeader.status).toBe(403);
    expect(await withoutHeader.json()).toMatchObject({ code: 'GATEWAY.STATION_HEADER_MISSING' });
    const signInWithoutHeader = await api('/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: workshopKey }),
    });
    expect(signInWithoutHeader.status).toBe(403);
  });

  it("admits steps as POST /v1/events does: the session's partner, its one workshop", async () => {
    const { cookie } = await signIn(workshopKey);
    const response = await api('/events', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-station': '1' },
      body: JSON.stringify([step('ws-lyon-01'), step('ws-other')]),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      results: [{ status: 'accepted' }, { status: 'rejected', code: 'GATEWAY.WORKSHOP_NOT_ALLOWED' }],
    });
    const malformed = await api('/events', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-station': '1' },
      body: '[',
    });
    expect(await malformed.json()).toMatchObject({ code: 'GATEWAY.MALFORMED_JSON' });
  });

  it('answers 503 for a device read when no tracker key is configured', async () => {
    const { cookie } = await signIn(workshopKey);
    const response = await api(`/devices/${DEVICE}`, { headers: { cookie } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'GATEWAY.STATION_TRACKER_UNAVAILABLE' });
    const bad = await api('/devices/123', { headers: { cookie } });
    expect(await bad.json()).toMatchObject({ code: 'GATEWAY.STATION_INVALID_DEVICE_ID' });
  });

  it('ends a session when its key is revoked, and on sign-out', async () => {
    const key = await gateway.partners.createKey(DEMO_STATION_PARTNER, 'station-api-revoked');
    const { cookie } = await signIn(key.apiKey);
    expect((await api('/session', { headers: { cookie } })).status).toBe(200);
    await gateway.partners.revokeKey(key.keyId);
    const revoked = await api('/session', { headers: { cookie } });
    expect(await revoked.json()).toMatchObject({ code: 'GATEWAY.STATION_SESSION_EXPIRED' });

    const other = await signIn(workshopKey);
    const signOut = await api('/session', {
      method: 'DELETE',
      headers: { cookie: other.cookie, 'x-station': '1' },
    });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await api('/session', { headers: { cookie: other.cookie } });
    expect(await after.json()).toMatchObject({ code: 'GATEWAY.STATION_NOT_SIGNED_IN' });
  });

  it('keeps only the hash of the session token', async () => {
    const { cookie } = await signIn(workshopKey);
    const token = cookie.split('=')[1];
    const rows = await database.query<{ token_hash: string }>(
      'SELECT token_hash FROM gateway.station_sessions',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.token_hash)).not.toContain(token);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });
});
