import {
  AnyDeviceEvent,
  appendLuhnCheckDigit,
  INPUT_TOPICS,
  STRUCTURED_HEADERS,
  TOPICS,
} from '@refurb/contracts';
import { eventsFor } from '@refurb/lifecycle/testing/device-event-factory';
import { eventually, highWatermarks, KafkaTestClient, provisionAllTopics } from '@refurb/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { seedConsumerOffsets } from '../support/consumer-progress';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';
import {
  InProcessService,
  InProcessTracker,
  startIssuance,
  startTracker,
} from '../support/in-process-service';
import { metricFamilies, parseSamples, Sample, scrape, seriesOf, sumOf } from '../support/prometheus-text';
import { migrateService, trackerDatabase } from '../support/tracker-database';
import { registerKafkaSources, unrestrictedSource } from '../support/tracker-sources';

type Json = Record<string, unknown>;

function randomImeiDigits(): string {
  return appendLuhnCheckDigit(Array.from({ length: 14 }, () => randomInt(10)).join(''));
}

function collected(deviceId: string, extra: Json = {}): Json {
  return {
    specversion: '1.0',
    id: `metrics-${randomUUID()}`,
    source: 'partners/whoever',
    type: 'device.collected',
    subject: deviceId,
    time: new Date(Date.now() - 60_000).toISOString(),
    data: { deviceId, category: 'smartphone', channel: 'rebox', siteId: 'REBOX-PARIS-01' },
    ...extra,
  };
}

/** A Kafka-native partner, registered with the tracker. */
const NATIVE_SOURCE = 'kafka-native/metrics';

/** A Kafka-native partner's collection, as it would produce it itself. */
function nativeCollected(id: string, deviceId: string, time: string, siteId = 'site-1'): AnyDeviceEvent {
  return { ...eventsFor(deviceId).collected(id, time, { siteId }), source: NATIVE_SOURCE };
}

async function postEvents(gateway: InProcessGateway, apiKey: string, body: unknown): Promise<Json> {
  const response = await fetch(`${gateway.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as Json;
}

/** The service's samples once its consumer group has processed everything on its topics. */
async function caughtUp(service: InProcessService): Promise<Sample[]> {
  await eventually(
    async () => parseSamples(await scrape(service.url)),
    (samples) =>
      sumOf(samples, 'refurb_consumer_lag_scrape_success', { group: service.groupId }) === 1 &&
      samples.some((s) => s.name === 'refurb_consumer_lag_messages') &&
      sumOf(samples, 'refurb_consumer_lag_messages', { group: service.groupId }) === 0,
    { timeoutMs: 120_000, what: `${service.groupId} at lag 0` },
  );
  // A scrape reads its counters before it computes the lag: the next scrape's counters are all past it.
  return parseSamples(await scrape(service.url));
}

/**
 * Every service answers `/metrics` from its own registry, and what its counters say is exactly what was
 * sent: events accepted and refused at both doors, by reason and partner, and dead letters by reason.
 */
describe('service metrics: the counters of gateway, tracker and issuance after a known set of events', () => {
  const kafka = new KafkaTestClient();
  let gateway: InProcessGateway | undefined;
  let tracker: InProcessTracker | undefined;
  let issuance: InProcessService | undefined;

  afterAll(async () => {
    await Promise.all([gateway?.close(), tracker?.close(), issuance?.close()]);
    await kafka.close();
  });

  it('counts what each door accepted and refused, and the dead letters, once the consumers caught up', async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.credited]);
    await admin.disconnect();

    const trackerGroup = `metrics-tracker-${randomUUID()}`;
    const issuanceGroup = `metrics-issuance-${randomUUID()}`;
    // Tracker and issuance share one database (their own schemas), as they do by default.
    const database = await trackerDatabase('service_metrics', trackerGroup, startAt);
    await migrateService(database, 'issuance', ISSUANCE_MIGRATIONS);
    await registerKafkaSources(database, [unrestrictedSource(NATIVE_SOURCE)]);
    await seedConsumerOffsets(
      database,
      'issuance.consumer_offsets',
      issuanceGroup,
      startAt.filter((o) => o.topic === TOPICS.credited),
    );
    try {
      gateway = await startGateway(database, { GATEWAY_RATE_LIMIT_BURST: '1000000' });
      tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: trackerGroup });
      issuance = await startIssuance(database, { ISSUANCE_CONSUMER_GROUP: issuanceGroup });
      await gateway.partners.seedDemoPartners();
      const reboxKey = (await gateway.partners.createKey('rebox-fr', 'metrics-test')).apiKey;

      // Through the gateway: 3 valid collections, 3 refused, then one valid event sent again.
      const imei = randomImeiDigits();
      const wrongCheckDigit = `imei:${imei.slice(0, 14)}${(Number(imei[14]) + 1) % 10}`;
      const valid = [0, 1, 2].map(() => collected(`imei:${randomImeiDigits()}`));
      const firstAnswer = await postEvents(gateway, reboxKey, [
        ...valid,
        collected(wrongCheckDigit),
        collected(`imei:${randomImeiDigits()}`, { time: new Date(Date.now() + 86_400_000).toISOString() }),
        { ...collected(`imei:${randomImeiDigits()}`), type: 'device.resold' },
      ]);
      expect(firstAnswer).toMatchObject({ accepted: 3, rejected: 3 });
      expect(await postEvents(gateway, reboxKey, valid[0])).toMatchObject({ accepted: 1, rejected: 0 });

      // Straight to Kafka: 2 valid events, the first one's id reused with another payload, one dated
      // before 2000, and one that is not JSON at all.
      const device = `imei:${randomImeiDigits()}`;
      const now = new Date(Date.now() - 60_000).toISOString();
      const first = nativeCollected(`native-${randomUUID()}`, device, now);
      const native = [
        first,
        nativeCollected(`native-${randomUUID()}`, `imei:${randomImeiDigits()}`, now),
        nativeCollected(first.id, device, now, 'another-site'),
        nativeCollected(`native-${randomUUID()}`, `imei:${randomImeiDigits()}`, '1999-06-01T00:00:00Z'),
      ];
      await kafka.produceBatch([
        ...byTopic(native.map(toTopicMessage)),
        {
          topic: TOPICS.collection,
          messages: [{ key: 'garbage', value: 'not json', headers: { ...STRUCTURED_HEADERS } }],
        },
        // Issuance: a credit record that is no credit record.
        { topic: TOPICS.credited, messages: [{ key: 'garbage', value: '{"not":"a credit"}' }] },
      ]);

      const gatewaySamples = parseSamples(await scrape(gateway.url));
      expect(seriesOf(gatewaySamples, 'refurb_gateway_events_accepted_total', ['partner'])).toEqual({
        'rebox-fr': 4,
      });
      expect(seriesOf(gatewaySamples, 'refurb_gateway_events_refused_total', ['partner', 'reason'])).toEqual({
        'rebox-fr EVENT.INVALID_IMEI': 1,
        'rebox-fr EVENT.TIME_IN_FUTURE': 1,
        'rebox-fr GATEWAY.EVENT_TYPE_NOT_ALLOWED': 1,
      });
      expect(
        sumOf(gatewaySamples, 'refurb_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/v1/events',
          status: '202',
        }),
      ).toBe(2);

      const trackerSamples = await caughtUp(tracker);
      expect(seriesOf(trackerSamples, 'refurb_tracker_events_accepted_total', ['partner'])).toEqual({
        'partners/rebox-fr': 3,
        'kafka-native/metrics': 2,
      });
      // The gateway's second copy of valid[0] is an exact duplicate.
      expect(sumOf(trackerSamples, 'refurb_tracker_events_duplicate_total')).toBe(1);
      expect(seriesOf(trackerSamples, 'refurb_tracker_events_refused_total', ['partner', 'reason'])).toEqual({
        'kafka-native/metrics EVENT.ID_REUSED': 1,
        'kafka-native/metrics EVENT.TIME_TOO_OLD': 1,
        'unknown EVENT.MALFORMED_JSON': 1,
      });
      expect(seriesOf(trackerSamples, 'refurb_dead_letters_total', ['reason'])).toEqual({
        'EVENT.ID_REUSED': 1,
        'EVENT.TIME_TOO_OLD': 1,
        'EVENT.MALFORMED_JSON': 1,
      });
      // 4 messages from the gateway and 5 straight to Kafka, each in exactly one committed transaction.
      expect(sumOf(trackerSamples, 'refurb_consumer_transaction_messages_sum', { group: trackerGroup })).toBe(
        9,
      );
      // 48 input partitions (4 topics of 12), each with its lag.
      expect(trackerSamples.filter((s) => s.name === 'refurb_consumer_lag_messages')).toHaveLength(
        startAt.filter((o) => o.topic !== TOPICS.credited).length,
      );

      const issuanceSamples = await caughtUp(issuance);
      // Nothing on the credit topic is read before its signature is checked: garbage is unsigned first.
      expect(seriesOf(issuanceSamples, 'refurb_dead_letters_total', ['reason'])).toEqual({
        'ISSUANCE.UNSIGNED_CREDIT_RECORD': 1,
      });
      expect(seriesOf(issuanceSamples, 'refurb_issuance_batch_transitions_total', ['transition'])).toEqual({
        opened: 0,
        closed: 0,
        verified: 0,
        issued: 0,
      });

      // The dead letters leave both outboxes; nothing is parked.
      for (const service of [tracker, issuance]) {
        const outbox = await eventually(
          async () => parseSamples(await scrape(service.url)),
          (samples) => sumOf(samples, 'refurb_outbox_rows') === 0,
          { what: 'an empty outbox' },
        );
        expect(sumOf(outbox, 'refurb_outbox_oldest_row_age_seconds')).toBe(0);
        expect(seriesOf(outbox, 'refurb_outbox_parked_rows', ['table'])).toEqual({
          [service === tracker ? 'tracker.outbox' : 'issuance.outbox']: 0,
        });
      }

      // Routes are labelled by pattern, never by the raw URL.
      expect(
        (
          await fetch(`${tracker.url}/v1/devices/${encodeURIComponent(device)}`, {
            headers: tracker.operator,
          })
        ).status,
      ).toBe(200);
      expect((await fetch(`${tracker.url}/no/such/route`)).status).toBe(404);
      const routes = seriesOf(
        parseSamples(await scrape(tracker.url)),
        'refurb_http_request_duration_seconds_count',
        ['method', 'route', 'status'],
      );
      expect(routes).toMatchObject({ 'GET /v1/devices/:deviceId 200': 1, 'GET unmatched 404': 1 });
      expect(Object.keys(routes).filter((key) => key.includes('imei'))).toEqual([]);

      // One registry per application: each service shows its own metrics only.
      const families = await Promise.all(
        [gateway, tracker, issuance].map(async (s) => metricFamilies(await scrape(s.url))),
      );
      expect(families.map((f) => f.has('refurb_gateway_events_accepted_total'))).toEqual([
        true,
        false,
        false,
      ]);
      expect(families.map((f) => f.has('refurb_tracker_events_accepted_total'))).toEqual([
        false,
        true,
        false,
      ]);
      expect(families.map((f) => f.has('refurb_issuance_batch_transitions_total'))).toEqual([
        false,
        false,
        true,
      ]);
      expect(families.map((f) => f.has('process_cpu_seconds_total'))).toEqual([true, true, true]);
      expect(families.map((f) => f.has('refurb_http_request_duration_seconds'))).toEqual([true, true, true]);
    } finally {
      await Promise.all([gateway?.close(), tracker?.close(), issuance?.close()]);
      gateway = tracker = issuance = undefined;
      await database.drop();
    }
  }, 300_000);
});
