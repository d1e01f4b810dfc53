import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { appendLuhnCheckDigit } from '@refurb/contracts';
import { loadConfig } from '@refurb/config';
import { bootstrapService } from '@refurb/runtime';
import { freePort, TestDatabase, testKafkaBrokers } from '@refurb/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { GatewayEnv } from '../../apps/gateway/src/gateway.env';
import { PartnerKeysService } from '../../apps/gateway/src/partner-keys/partner-keys.service';
import { gatewayService } from '../../apps/gateway/src/service-definition';

interface LogRecord {
  level: string;
  msg?: string;
  service?: string;
  requestId?: string;
  route?: string;
  keyId?: string;
  res?: { statusCode: number; headers: Record<string, unknown> };
  req?: { method: string; url: string; headers: Record<string, unknown> };
}

const DATABASE_PASSWORD = `db-pass-${randomUUID()}`;

/** The test server trusts local connections, so a password in DATABASE_URL is accepted and ignored. */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = DATABASE_PASSWORD;
  return parsed.toString();
}

function collectedEvent(): Record<string, unknown> {
  const deviceId = `imei:${appendLuhnCheckDigit(Array.from({ length: 14 }, () => randomInt(10)).join(''))}`;
  return {
    specversion: '1.0',
    id: `log-${randomUUID()}`,
    source: 'partners/rebox-fr',
    type: 'device.collected',
    subject: deviceId,
    time: new Date(Date.now() - 60_000).toISOString(),
    data: { deviceId, category: 'smartphone', channel: 'rebox', siteId: 'REBOX-PARIS-01' },
  };
}

/** The gateway as main.ts starts it, its log lines captured instead of written to standard output. */
describe('service logging: JSON lines with a request id, and no secret in them', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let url: string;
  let apiKey: string;
  let keyId: string;
  const written: string[] = [];
  const records = () =>
    written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogRecord);
  const requestLine = (requestId: string) =>
    records().find((record) => record.requestId === requestId && record.res !== undefined);

  beforeAll(async () => {
    database = await TestDatabase.create('service_logging');
    const port = await freePort();
    const env = loadConfig(GatewayEnv, {
      DATABASE_URL: withPassword(database.url),
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      GATEWAY_PORT: String(port),
    });
    const definition = gatewayService(env);
    app = await bootstrapService({
      ...definition,
      logging: { ...definition.logging, destination: { write: (line: string) => void written.push(line) } },
    });
    url = `http://127.0.0.1:${port}`;
    const partners = app.get(PartnerKeysService);
    await partners.seedDemoPartners();
    ({ apiKey, keyId } = await partners.createKey('rebox-fr', 'logging-test'));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('logs the request with the caller X-Request-Id, its route, status and key id, echoes the id, and hides the key', async () => {
    const requestId = `partner-${randomUUID()}`;
    const response = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${apiKey}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify(collectedEvent()),
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(requestLine(requestId)).toMatchObject({
      level: 'info',
      service: 'gateway',
      route: '/v1/events',
      keyId,
      msg: `POST /v1/events ${response.status}`,
      req: { method: 'POST', url: '/v1/events', headers: { authorization: '***' } },
      res: { statusCode: response.status },
    });
  });

  it('replaces a malformed X-Request-Id with a UUID, and logs a refused key at warn without the key', async () => {
    const refusedKey = `${apiKey.slice(0, -4)}zzzz`;
    const response = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': refusedKey,
        'x-request-id': `bad id "${'x'.repeat(200)}"`,
      },
      body: JSON.stringify(collectedEvent()),
    });
    expect(response.status).toBe(401);
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(requestLine(requestId)).toMatchObject({
      level: 'warn',
      route: '/v1/events',
      req: { headers: { 'x-api-key': '***' } },
      res: { statusCode: 401 },
    });
    expect(requestLine(requestId)?.keyId).toBeUndefined();
    expect(written.join('')).not.toContain(refusedKey);
  });

  it('keeps health probes out of the log at info', async () => {
    const requestId = `probe-${randomUUID()}`;
    const response = await fetch(`${url}/health/live`, { headers: { 'x-request-id': requestId } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(requestLine(requestId)).toBeUndefined();
  });

  it('masks a URL password or a key field that code logs through Nest, in the same service log', () => {
    const logger = new Logger('LoggingTest');
    logger.warn(`Could not reach ${withPassword(database.url)}`);
    logger.warn({ msg: 'Key rejected', apiKey });
    const mine = records().filter((record) => (record as { context?: string }).context === 'LoggingTest');
    expect(mine.map((record) => record.msg)).toEqual([
      `Could not reach ${withPassword(database.url).replace(DATABASE_PASSWORD, '***')}`,
      'Key rejected',
    ]);
    expect(mine[1]).toMatchObject({ apiKey: '***' });
  });

  it('printed neither the API key nor the database password anywhere', () => {
    const everything = written.join('');
    expect(records().length).toBeGreaterThan(5);
    expect(everything).not.toContain(apiKey);
    // rl_<key id>_<secret>: the secret alone must not appear either.
    expect(everything).not.toContain(apiKey.slice('rl_123456789012_'.length));
    expect(everything).not.toContain(DATABASE_PASSWORD);
  });
});
