import { randomInt, randomUUID } from 'node:crypto';
import { appendLuhnCheckDigit, TOPICS } from '@refurb/contracts';
import { issueApiKey } from '@refurb/auth';
import { KafkaProducerService } from '@refurb/kafka';
import { KafkaTestClient, TestDatabase } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';
import { DrainedTopics } from '../support/drained-topics';
import { InProcessGateway as Gateway, startGateway } from '../support/in-process-gateway';

type Json = Record<string, unknown>;

function randomImei(): string {
  const payload = Array.from({ length: 14 }, () => randomInt(10)).join('');
  return `imei:${appendLuhnCheckDigit(payload)}`;
}

function collected(deviceId = randomImei(), extra: Json = {}): Json {
  return {
    specversion: '1.0',
    id: `gw-${randomUUID()}`,
    source: 'partners/rebox-fr',
    type: 'device.collected',
    subject: deviceId,
    time: new Date(Date.now() - 60_000).toISOString(),
    data: { deviceId, category: 'smartphone', channel: 'rebox', siteId: 'REBOX-PARIS-01' },
    ...extra,
  };
}

function resold(deviceId = randomImei()): Json {
  return {
    specversion: '1.0',
    id: `gw-${randomUUID()}`,
    source: 'partners/backmarket-fr',
    type: 'device.resold',
    time: new Date(Date.now() - 60_000).toISOString(),
    data: { deviceId, orderId: `BM-${randomUUID()}`, channel: 'back-market', country: 'FR' },
  };
}

interface PostOptions {
  apiKey?: string;
  header?: 'bearer' | 'x-api-key';
  contentType?: string;
}

function post(
  gateway: Gateway,
  body: unknown,
  { apiKey, header = 'bearer', contentType = 'application/json' }: PostOptions,
) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (apiKey !== undefined) {
    if (header === 'bearer') headers.authorization = `Bearer ${apiKey}`;
    else headers['x-api-key'] = apiKey;
  }
  return fetch(`${gateway.url}/v1/events`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function expectError(response: Response, status: number, code: string): Promise<Json> {
  const body = (await response.json()) as Json;
  expect({ status: response.status, code: body.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof body.message).toBe('string');
  return body;
}

const parse = (message: KafkaMessage) => JSON.parse(message.value!.toString()) as Json;

describe('gateway POST /v1/events on real Kafka and PostgreSQL', () => {
  let database: TestDatabase;
  let kafka: KafkaTestClient;
  let gateway: Gateway;
  let reboxKey: string;
  let allTypesKey: string;
  let topics: DrainedTopics;
  const drained = (topic: string, key: string) => topics.drained(topic, key);

  /** Sum of the topic's high watermarks: the number of messages Kafka has acknowledged on it. */
  async function endOffsets(topic: string): Promise<number> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    database = await TestDatabase.create('gateway_ingest');
    gateway = await startGateway(database, { GATEWAY_RATE_LIMIT_BURST: '1000000' });
    kafka = new KafkaTestClient();
    topics = await DrainedTopics.watch(kafka, [TOPICS.collection, TOPICS.resale]);
    await gateway.partners.seedDemoPartners();
    reboxKey = (await gateway.partners.createKey('rebox-fr', 'ingest-test')).apiKey;
    allTypesKey = (await gateway.partners.createKey('all-types', 'ingest-test')).apiKey;
  });

  afterAll(async () => {
    await gateway?.app.close();
    await kafka?.close();
    await database?.drop();
  });

  it('keeps GET /health working', async () => {
    const response = await fetch(`${gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('produces an accepted event to its topic, keyed by device id, with the authenticated partner as source', async () => {
    const deviceId = randomImei();
    // rebox-fr claims to be backmarket-fr: the claim is overwritten.
    const event = collected(deviceId, { source: 'partners/backmarket-fr', subject: deviceId.toUpperCase() });
    const before = await endOffsets(TOPICS.collection);
    const response = await post(gateway, event, {
      apiKey: reboxKey,
      contentType: 'application/cloudevents+json',
    });
    // Answered only after Kafka acknowledged (acks=all): the event is already below the high watermark.
    expect((await endOffsets(TOPICS.collection)) - before).toBe(1);

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 1,
      rejected: 0,
      results: [{ index: 0, id: event.id, status: 'accepted', topic: TOPICS.collection }],
    });
    const messages = await drained(TOPICS.collection, deviceId);
    expect(messages).toHaveLength(1);
    expect(messages[0].headers?.['content-type']?.toString()).toBe(
      'application/cloudevents+json; charset=utf-8',
    );
    expect(parse(messages[0])).toMatchObject({
      id: event.id,
      type: 'device.collected',
      source: 'partners/rebox-fr',
      subject: deviceId,
      data: { deviceId },
    });
  });

  it('accepts the key in X-API-Key and a batch as application/cloudevents-batch+json', async () => {
    const batch = [collected(), collected()];
    const response = await post(gateway, batch, {
      apiKey: reboxKey,
      header: 'x-api-key',
      contentType: 'application/cloudevents-batch+json; charset=utf-8',
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: 0 });
  });

  it('rejects, per event, a type the partner may not send, and produces nothing for it', async () => {
    const deviceId = randomImei();
    const allowed = collected(deviceId);
    const forbidden = resold(deviceId);
    const response = await post(gateway, [allowed, forbidden], { apiKey: reboxKey });

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 1,
      rejected: 1,
      results: [
        { index: 0, id: allowed.id, status: 'accepted', topic: TOPICS.collection },
        {
          index: 1,
          id: forbidden.id,
          status: 'rejected',
          code: 'GATEWAY.EVENT_TYPE_NOT_ALLOWED',
          message: 'partner rebox-fr may not send device.resold events',
          field: 'type',
        },
      ],
    });
    expect((await drained(TOPICS.collection, deviceId)).map((m) => parse(m).id)).toEqual([allowed.id]);
    expect(await drained(TOPICS.resale, deviceId)).toEqual([]);
  });

  it('answers every event of a mixed batch in order and produces each accepted id once', async () => {
    const deviceId = randomImei();
    const first = collected(deviceId);
    const batch: unknown[] = [
      first,
      { ...first }, // exact duplicate: accepted, produced once
      { ...first, data: { ...(first.data as Json), siteId: 'ELSEWHERE' } }, // same id, other payload
      resold(deviceId),
      collected(deviceId, { time: '2099-01-01T00:00:00Z' }),
      collected('imei:490154203237519'),
      'not an event',
      { ...collected(deviceId), id: 42 },
    ];
    const response = await post(gateway, batch, { apiKey: allTypesKey });
    const body = (await response.json()) as { accepted: number; rejected: number; results: Json[] };

    expect(response.status).toBe(202);
    expect(body.results).toHaveLength(batch.length);
    expect(body.accepted + body.rejected).toBe(batch.length);
    expect(body.results.map((r) => [r.index, r.status === 'accepted' ? r.topic : r.code])).toEqual([
      [0, TOPICS.collection],
      [1, TOPICS.collection],
      [2, 'EVENT.ID_REUSED'],
      [3, TOPICS.resale],
      [4, 'EVENT.TIME_IN_FUTURE'],
      [5, 'EVENT.INVALID_IMEI'],
      [6, 'EVENT.NOT_AN_OBJECT'],
      [7, 'EVENT.INVALID_ID'],
    ]);
    expect(body.results[6].id).toBeNull();
    expect((await drained(TOPICS.collection, deviceId)).map((m) => parse(m).id)).toEqual([first.id]);
    expect((await drained(TOPICS.resale, deviceId)).map((m) => parse(m).source)).toEqual([
      'partners/all-types',
    ]);
  });

  it('takes a full batch of 1000 events (far over express’s default 100 KB body)', async () => {
    const batch = Array.from({ length: 1000 }, () => collected());
    const body = JSON.stringify(batch);
    expect(body.length).toBeGreaterThan(100 * 1024);
    const response = await post(gateway, body, { apiKey: allTypesKey });
    const answer = (await response.json()) as { accepted: number; rejected: number; results: Json[] };
    expect(response.status).toBe(202);
    expect({ accepted: answer.accepted, rejected: answer.rejected, results: answer.results.length }).toEqual({
      accepted: 1000,
      rejected: 0,
      results: 1000,
    });
    expect(answer.results.map((r) => r.index)).toEqual(batch.map((_, index) => index));
  });

  describe('request-level errors', () => {
    it('401 MISSING_API_KEY without a key', async () => {
      await expectError(await post(gateway, collected(), {}), 401, 'GATEWAY.MISSING_API_KEY');
    });

    it('401 INVALID_API_KEY for a malformed or unknown key, and the same for a revoked one', async () => {
      await expectError(
        await post(gateway, collected(), { apiKey: 'hello' }),
        401,
        'GATEWAY.INVALID_API_KEY',
      );
      const unknown = await expectError(
        await post(gateway, collected(), { apiKey: issueApiKey().apiKey, header: 'x-api-key' }),
        401,
        'GATEWAY.INVALID_API_KEY',
      );

      const key = await gateway.partners.createKey('rebox-fr', 'to-revoke');
      expect((await post(gateway, collected(), { apiKey: key.apiKey })).status).toBe(202);
      await gateway.partners.revokeKey(key.keyId);
      const revoked = await expectError(
        await post(gateway, collected(), { apiKey: key.apiKey }),
        401,
        'GATEWAY.INVALID_API_KEY',
      );
      expect(revoked).toEqual(unknown);
    });

    it('413 PAYLOAD_TOO_LARGE above 2 MiB, as JSON rather than express’s HTML page', async () => {
      const oversized = collected(randomImei(), { padding: 'x'.repeat(2 * 1024 * 1024) });
      await expectError(
        await post(gateway, oversized, { apiKey: reboxKey }),
        413,
        'GATEWAY.PAYLOAD_TOO_LARGE',
      );
    });

    it('400 MALFORMED_JSON for a body that is not JSON', async () => {
      await expectError(
        await post(gateway, '{"specversion": "1.0",', { apiKey: reboxKey }),
        400,
        'GATEWAY.MALFORMED_JSON',
      );
      await expectError(await post(gateway, '', { apiKey: reboxKey }), 400, 'GATEWAY.MALFORMED_JSON');
    });

    it('400 for an empty batch, one over 1000 events, and a body that is not an event', async () => {
      await expectError(await post(gateway, [], { apiKey: reboxKey }), 400, 'GATEWAY.EMPTY_BATCH');
      const tooMany = Array.from({ length: 1001 }, () => ({ id: 'x' }));
      await expectError(await post(gateway, tooMany, { apiKey: reboxKey }), 400, 'GATEWAY.BATCH_TOO_LARGE');
      await expectError(
        await post(gateway, '"device.collected"', { apiKey: reboxKey }),
        400,
        'GATEWAY.INVALID_BODY',
      );
    });

    it('415 UNSUPPORTED_MEDIA_TYPE for anything but the three JSON media types', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
      ]) {
        await expectError(
          await post(gateway, collected(), { apiKey: reboxKey, contentType }),
          415,
          'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
        );
      }
    });

    it('404 NOT_FOUND for an unknown route', async () => {
      await expectError(await fetch(`${gateway.url}/v1/nothing-here`), 404, 'GATEWAY.NOT_FOUND');
    });
  });

  it('serves the OpenAPI document at /docs and /docs-json, listing POST /v1/events and every error code', async () => {
    const ui = await fetch(`${gateway.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');

    const response = await fetch(`${gateway.url}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { description: string }>; security: Json[] }>
      >;
      components: { securitySchemes: Json; schemas: Json };
    };
    const operation = document.paths['/v1/events'].post;
    expect(Object.keys(operation.responses).sort()).toEqual([
      '202',
      '400',
      '401',
      '413',
      '415',
      '429',
      '500',
      '503',
    ]);
    const described = JSON.stringify(operation.responses);
    for (const code of [
      'GATEWAY.MALFORMED_JSON',
      'GATEWAY.INVALID_BODY',
      'GATEWAY.EMPTY_BATCH',
      'GATEWAY.BATCH_TOO_LARGE',
      'GATEWAY.MISSING_API_KEY',
      'GATEWAY.INVALID_API_KEY',
      'GATEWAY.PAYLOAD_TOO_LARGE',
      'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
      'GATEWAY.RATE_LIMITED',
      'GATEWAY.INTERNAL',
      'GATEWAY.KAFKA_UNAVAILABLE',
    ]) {
      expect(described).toContain(code);
    }
    // Two requirement objects: either header is enough.
    expect(operation.security).toHaveLength(2);
    expect(operation.security).toEqual(expect.arrayContaining([{ 'api-key': [] }, { bearer: [] }]));
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'CloudEventDto',
        'IngestEventsResponseDto',
        'RejectedEventResultDto',
        'GatewayErrorDto',
      ]),
    );
    expect(JSON.stringify(document.components.schemas.RejectedEventResultDto)).toContain(
      'GATEWAY.EVENT_TYPE_NOT_ALLOWED',
    );
  });
});

describe('gateway rate limits and Kafka failures', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await TestDatabase.create('gateway_limits');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('answers 429 with Retry-After once an API key has sent its burst of events, per key', async () => {
    const gateway = await startGateway(database, {
      GATEWAY_RATE_LIMIT_EVENTS_PER_SECOND: '1',
      GATEWAY_RATE_LIMIT_BURST: '3',
    });
    try {
      await gateway.partners.seedDemoPartners();
      const key = (await gateway.partners.createKey('rebox-fr')).apiKey;
      const otherKey = (await gateway.partners.createKey('rebox-fr')).apiKey;

      // Events are counted, accepted or not: three in one request empty the bucket.
      const burst = await post(gateway, [collected(), {}, {}], { apiKey: key });
      expect(burst.status).toBe(202);
      expect(await burst.json()).toMatchObject({ accepted: 1, rejected: 2 });

      const limited = await post(gateway, collected(), { apiKey: key });
      await expectError(limited, 429, 'GATEWAY.RATE_LIMITED');
      expect(limited.headers.get('retry-after')).toBe('1');

      // A request that is refused before the limiter costs nothing and is not limited.
      await expectError(await post(gateway, '[', { apiKey: key }), 400, 'GATEWAY.MALFORMED_JSON');
      // Each key has its own bucket.
      expect((await post(gateway, collected(), { apiKey: otherKey })).status).toBe(202);
    } finally {
      await gateway.app.close();
    }
  });

  it('answers 503 KAFKA_UNAVAILABLE, accepting nothing, when the producer cannot send', async () => {
    const gateway = await startGateway(database, { GATEWAY_KAFKA_TIMEOUT_MS: '5000' });
    try {
      await gateway.partners.seedDemoPartners();
      const key = (await gateway.partners.createKey('rebox-fr')).apiKey;
      expect((await post(gateway, collected(), { apiKey: key })).status).toBe(202);

      // The real producer, disconnected under the running service as a lost broker would leave it.
      await gateway.app.get(KafkaProducerService).onApplicationShutdown();
      const body = await expectError(
        await post(gateway, [collected(), collected()], { apiKey: key }),
        503,
        'GATEWAY.KAFKA_UNAVAILABLE',
      );
      expect(body.message).toContain('none of the 2 events of this request is accepted');
    } finally {
      await gateway.app.close();
    }
  });
});
