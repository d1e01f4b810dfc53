import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConfigValidationError, loadRecordVerifier, localSigningKeyFiles } from '@refurb/config';
import {
  appendLuhnCheckDigit,
  RecordVerifier,
  SIGNATURE_ATTRIBUTES,
  TOPICS,
  validateDeviceEvent,
} from '@refurb/contracts';
import { migrateExclusively, openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { KafkaTestClient, TestDatabase } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';
import { GATEWAY_SCHEMA } from '../../apps/gateway/src/gateway-database';
import { IngestEventsResult } from '../../apps/gateway/src/ingest-events/ingest-result';
import { GATEWAY_MIGRATIONS } from '../../apps/gateway/src/migrations';
import { PartnerInput } from '../../apps/gateway/src/partner-keys/partner-input';
import { PartnerRepository } from '../../apps/gateway/src/partner-keys/partner.repository';
import { DrainedTopics } from '../support/drained-topics';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';

type Json = Record<string, unknown>;

function randomImei(): string {
  return `imei:${appendLuhnCheckDigit(Array.from({ length: 14 }, () => randomInt(10)).join(''))}`;
}

function event(type: string, data: Json): Json {
  const deviceId = randomImei();
  return {
    specversion: '1.0',
    id: `scope-${randomUUID()}`,
    source: 'whatever the body claims',
    type,
    time: new Date(Date.now() - 60_000).toISOString(),
    data: { deviceId, ...data },
  };
}

const refurbished = (workshopId: string) =>
  event('device.refurbished', { workshopId, grade: 'A', erasureCertificateId: `ERASE-${randomUUID()}` });
const collected = (siteId: string) =>
  event('device.collected', { category: 'smartphone', channel: 'rebox', siteId });
const resold = (channel: string) =>
  event('device.resold', { orderId: `ORD-${randomUUID()}`, channel, country: 'FR' });
const deviceOf = (sent: Json) => (sent.data as { deviceId: string }).deviceId;
const parse = (message: KafkaMessage) => JSON.parse(message.value!.toString()) as Json;

/** Partner A: one workshop, one site, one channel. */
const PARTNER_A: PartnerInput = {
  id: 'scoped-a',
  displayName: 'Scoped partner A',
  allowedEventTypes: ['device.collected', 'device.refurbished', 'device.resold'],
  allowedWorkshopIds: ['ws-a-01'],
  allowedSiteIds: ['site-a-01'],
  allowedResaleChannels: ['channel-a'],
};

/** Partner B: another workshop. */
const PARTNER_B: PartnerInput = {
  id: 'scoped-b',
  displayName: 'Scoped partner B',
  allowedEventTypes: ['device.refurbished'],
  allowedWorkshopIds: ['ws-b-01'],
};

describe('gateway partner scopes on real Kafka and PostgreSQL', () => {
  let database: TestDatabase;
  let kafka: KafkaTestClient;
  let gateway: InProcessGateway;
  let topics: DrainedTopics;
  let gatewayKeys: RecordVerifier;
  const keys: Record<string, string> = {};

  async function post(partnerId: string, events: Json[]): Promise<IngestEventsResult> {
    const response = await fetch(`${gateway.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[partnerId]}` },
      body: JSON.stringify(events),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as IngestEventsResult;
  }

  /** What reached `topic` for the device of `sent`: its id, the source given, and its verified signer. */
  async function produced(
    topic: string,
    sent: Json,
  ): Promise<{ id: unknown; source: unknown; signedBy: unknown }[]> {
    return (await topics.drained(topic, deviceOf(sent))).map((message) => {
      const record = parse(message);
      const verdict = gatewayKeys.verify(record);
      return { id: record.id, source: record.source, signedBy: verdict.valid ? verdict.keyId : verdict.code };
    });
  }

  beforeAll(async () => {
    database = await TestDatabase.create('gateway_partner_scopes');
    gateway = await startGateway(database);
    kafka = new KafkaTestClient();
    topics = await DrainedTopics.watch(kafka, [TOPICS.collection, TOPICS.refurbishment, TOPICS.resale]);
    // The public half of the key the gateway signs with, read as the tracker will read it.
    gatewayKeys = loadRecordVerifier({
      variable: 'GATEWAY_PUBLIC_KEYS',
      inline: undefined,
      file: localSigningKeyFiles('gateway').publicKey,
    });
    for (const partner of [PARTNER_A, PARTNER_B]) {
      await gateway.partners.upsertPartner(partner);
      keys[partner.id] = (await gateway.partners.createKey(partner.id, 'scope-test')).apiKey;
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await kafka?.close();
    await database?.drop();
  });

  it('refuses, per event, a workshop, a site and a channel outside the scope, and relays the rest signed', async () => {
    // Per kind: an event in A's scope (untidy, as partners send), one outside it, and the outside one's refusal.
    const kinds = [
      {
        topic: TOPICS.refurbishment,
        inScope: refurbished(' ws-a-01'),
        outside: refurbished('ws-b-01'),
        refusal: ['GATEWAY.WORKSHOP_NOT_ALLOWED', 'workshop "ws-b-01"', 'data.workshopId'],
      },
      {
        topic: TOPICS.collection,
        inScope: collected('site-a-01 '),
        outside: collected('site-b-01'),
        refusal: ['GATEWAY.SITE_NOT_ALLOWED', 'collection site "site-b-01"', 'data.siteId'],
      },
      {
        topic: TOPICS.resale,
        inScope: resold('channel-a'),
        outside: resold('channel-b'),
        refusal: ['GATEWAY.RESALE_CHANNEL_NOT_ALLOWED', 'resale channel "channel-b"', 'data.channel'],
      },
    ];
    const answer = await post(
      'scoped-a',
      kinds.flatMap(({ inScope, outside }) => [inScope, outside]),
    );

    expect(answer).toEqual({
      accepted: 3,
      rejected: 3,
      results: kinds.flatMap(({ topic, inScope, outside, refusal: [code, named, field] }, i) => [
        { index: 2 * i, id: inScope.id, status: 'accepted', topic },
        {
          index: 2 * i + 1,
          id: outside.id,
          status: 'rejected',
          code,
          message: `partner scoped-a may not name ${named}`,
          field,
        },
      ]),
    });
    const [keyId] = gatewayKeys.keyIds;
    for (const { topic, inScope, outside } of kinds) {
      expect(await produced(topic, inScope)).toEqual([
        { id: inScope.id, source: 'partners/scoped-a', signedBy: keyId },
      ]);
      expect(await produced(topic, outside)).toEqual([]);
    }
  });

  it('relays records that still validate as the event sent, the signature being extension attributes', async () => {
    const sent = collected('site-a-01');
    await post('scoped-a', [sent]);
    const [message] = await topics.drained(TOPICS.collection, deviceOf(sent));
    const record = parse(message);
    expect(Object.keys(record)).toEqual(
      expect.arrayContaining([SIGNATURE_ATTRIBUTES.signature, SIGNATURE_ATTRIBUTES.keyId]),
    );
    const validated = validateDeviceEvent(record, { now: new Date() });
    expect(validated).toMatchObject({ ok: true, event: { id: sent.id, source: 'partners/scoped-a' } });
    // Whoever changes a relayed record breaks its signature.
    const forged = { ...record, source: 'partners/scoped-b' };
    expect(gatewayKeys.verify(forged)).toEqual({ valid: false, code: 'BAD_SIGNATURE' });
  });

  it("refuses another partner naming A's workshop, and leaves A's own events alone", async () => {
    const intruding = refurbished('ws-a-01');
    const own = refurbished('ws-b-01');
    const fromB = await post('scoped-b', [intruding, own]);
    expect(fromB.results.map((result) => (result.status === 'accepted' ? 'accepted' : result.code))).toEqual([
      'GATEWAY.WORKSHOP_NOT_ALLOWED',
      'accepted',
    ]);

    const fromA = refurbished('ws-a-01');
    expect(await post('scoped-a', [fromA])).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await produced(TOPICS.refurbishment, intruding)).toEqual([]);
    expect((await produced(TOPICS.refurbishment, own)).map((record) => record.source)).toEqual([
      'partners/scoped-b',
    ]);
    expect((await produced(TOPICS.refurbishment, fromA)).map((record) => record.source)).toEqual([
      'partners/scoped-a',
    ]);
  });

  it('applies a changed scope from the next request, with the same key', async () => {
    const partner = { ...PARTNER_B, id: 'scoped-c', displayName: 'Scoped partner C' };
    await gateway.partners.upsertPartner(partner);
    keys[partner.id] = (await gateway.partners.createKey(partner.id)).apiKey;
    const naming = () => refurbished('ws-c-01');

    expect((await post(partner.id, [naming()])).results[0]).toMatchObject({
      code: 'GATEWAY.WORKSHOP_NOT_ALLOWED',
    });
    await gateway.partners.upsertPartner({ ...partner, allowedWorkshopIds: ['ws-b-01', 'ws-c-01'] });
    expect(await post(partner.id, [naming()])).toMatchObject({ accepted: 1, rejected: 0 });
    await gateway.partners.upsertPartner({ ...partner, allowedWorkshopIds: ['*'] });
    expect(await post(partner.id, [refurbished('ws-anywhere')])).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('does not start without its signing key, naming the variable', async () => {
    await expect(
      startGateway(database, { GATEWAY_SIGNING_KEY_FILE: '/nonexistent/gateway-signing.pem' }),
    ).rejects.toThrow(ConfigValidationError);
    await expect(
      startGateway(database, { GATEWAY_SIGNING_KEY_FILE: '/nonexistent/gateway-signing.pem' }),
    ).rejects.toThrow(/GATEWAY_SIGNING_KEY_FILE/);
  });
});

describe('upgrading the gateway schema to partner scopes', () => {
  let database: TestDatabase;
  let dataSource: DataSource | undefined;

  beforeAll(async () => {
    database = await TestDatabase.create('gateway_scope_upgrade');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('lets partners registered before scopes name any workshop, site or channel', async () => {
    const before = await new DataSource(
      serviceDataSourceOptions(
        { url: database.url },
        { ...GATEWAY_SCHEMA, migrations: GATEWAY_MIGRATIONS.slice(0, 2) },
      ),
    ).initialize();
    try {
      await migrateExclusively(before);
      await before.query(
        `INSERT INTO gateway.partners (id, display_name, allowed_event_types)
         VALUES ('old-partner', 'Registered before scopes', '{device.collected,device.repaired}')`,
      );
    } finally {
      await before.destroy();
    }

    dataSource = await openServiceDataSource(serviceDataSourceOptions({ url: database.url }, GATEWAY_SCHEMA));
    const repository = new PartnerRepository(dataSource);
    expect(await repository.findPartner('old-partner')).toMatchObject({
      allowedEventTypes: ['device.collected', 'device.repaired'],
      allowedWorkshopIds: ['*'],
      allowedSiteIds: ['*'],
      allowedResaleChannels: ['*'],
    });
    await dataSource.query(
      `INSERT INTO gateway.partner_api_keys (key_id, secret_hash, partner_id) VALUES ('k', 'h', 'old-partner')`,
    );
    expect((await repository.findActiveCredential('k'))?.allowedWorkshopIds).toEqual(['*']);
    // A partner written from now on states its scopes: the columns have no default left.
    await expect(
      dataSource.query(
        `INSERT INTO gateway.partners (id, display_name, allowed_event_types) VALUES ('new', 'New', '{device.returned}')`,
      ),
    ).rejects.toThrow(/null value in column "allowed_workshop_ids"/);
  });
});
