import { generateKeyPairSync } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@refurb/config';
import {
  RecordSigner,
  RecordVerifier,
  SIGNATURE_ATTRIBUTES,
  STRUCTURED_HEADERS,
  TOPICS,
  validateDeviceEvent,
} from '@refurb/contracts';
import { FIXTURE_NOW, rawDeviceEvents } from '@refurb/contracts/testing/raw-device-events.fixture';
import { KafkaProducerService } from '@refurb/kafka';
import { Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { AuthenticatedPartner, partnerScope } from '../partner-keys/partner';
import { IngestEventsHandler } from './ingest-events.handler';
import { IngestEventsMetrics } from './ingest-events.metrics';

type TopicMessages = { topic: string; messages: Message[] }[];

/** Records what it is asked to send; the integration tests use the real producer. */
class RecordingProducer {
  readonly sent: TopicMessages[] = [];
  constructor(private readonly outcome: () => Promise<[]>) {}
  sendBatch(topicMessages: TopicMessages): Promise<[]> {
    this.sent.push(topicMessages);
    return this.outcome();
  }
}

const partner: AuthenticatedPartner = {
  partnerId: 'all-types',
  keyId: 'abcdefabcdef',
  scope: partnerScope({
    allowedEventTypes: ['device.collected', 'device.repaired', 'device.refurbished'],
    allowedWorkshopIds: ['*'],
    allowedSiteIds: ['*'],
    allowedResaleChannels: [],
  }),
};

const gatewayKeys = generateKeyPairSync('ed25519');

function handlerWith(producer: RecordingProducer, timeoutMs = 1000): IngestEventsHandler {
  const env = loadConfig(GatewayEnv, { GATEWAY_KAFKA_TIMEOUT_MS: String(timeoutMs) });
  return new IngestEventsHandler(
    producer as unknown as KafkaProducerService,
    env,
    new IngestEventsMetrics(new Registry()),
    new RecordSigner(gatewayKeys.privateKey),
  );
}

describe('IngestEventsHandler', () => {
  const events = rawDeviceEvents();

  // The handler logs Kafka failures; the expected ones here need not clutter the test output.
  beforeAll(() => void Logger.overrideLogger(false));
  afterAll(() => void Logger.overrideLogger(true));

  it('produces the accepted events in one batch, grouped by topic and keyed by device id', async () => {
    const producer = new RecordingProducer(() => Promise.resolve([]));
    const result = await handlerWith(producer).ingest(
      {
        partner,
        events: [
          events['device.collected'],
          events['device.resold'],
          events['device.repaired'],
          events['device.refurbished'],
        ],
      },
      FIXTURE_NOW,
    );
    expect(result).toMatchObject({ accepted: 3, rejected: 1 });
    expect(producer.sent).toHaveLength(1);
    const [batch] = producer.sent;
    expect(batch.map((t) => [t.topic, t.messages.length])).toEqual([
      [TOPICS.collection, 1],
      [TOPICS.repair, 1],
      [TOPICS.refurbishment, 1],
    ]);
    const collected = batch[0].messages[0];
    expect(collected.key).toBe('imei:353325091234561');
    expect(collected.headers).toEqual(STRUCTURED_HEADERS);
    expect(JSON.parse(String(collected.value))).toMatchObject({
      id: events['device.collected'].id,
      source: 'partners/all-types',
    });
  });

  it('signs every event it produces, and the signed record still validates as the same event', async () => {
    const producer = new RecordingProducer(() => Promise.resolve([]));
    await handlerWith(producer).ingest(
      { partner, events: [events['device.collected'], events['device.repaired']] },
      FIXTURE_NOW,
    );
    const records = producer.sent[0].flatMap((topic) =>
      topic.messages.map((message) => JSON.parse(String(message.value)) as Record<string, unknown>),
    );
    expect(records).toHaveLength(2);
    const verifier = new RecordVerifier([gatewayKeys.publicKey]);
    for (const record of records) {
      expect(verifier.verify(record)).toEqual({ valid: true, keyId: record[SIGNATURE_ATTRIBUTES.keyId] });
      const unsigned = { ...record };
      delete unsigned[SIGNATURE_ATTRIBUTES.signature];
      delete unsigned[SIGNATURE_ATTRIBUTES.keyId];
      expect(validateDeviceEvent(record, { now: FIXTURE_NOW })).toEqual({ ok: true, event: unsigned });
    }
  });

  it('does not call Kafka when every event is rejected', async () => {
    const producer = new RecordingProducer(() => Promise.reject(new Error('must not be called')));
    const result = await handlerWith(producer).ingest({ partner, events: [{}, 1] }, FIXTURE_NOW);
    expect(result).toMatchObject({ accepted: 0, rejected: 2 });
    expect(producer.sent).toHaveLength(0);
  });

  it('reports Kafka unavailable when the send fails', async () => {
    const producer = new RecordingProducer(() => Promise.reject(new Error('Connection error: ECONNREFUSED')));
    const ingest = handlerWith(producer).ingest(
      { partner, events: [events['device.collected']] },
      FIXTURE_NOW,
    );
    await expect(ingest).rejects.toThrow(GatewayException);
    await expect(ingest).rejects.toMatchObject({ code: GatewayErrorCode.KAFKA_UNAVAILABLE });
  });

  it('reports Kafka unavailable when the acknowledgement does not come in time', async () => {
    const producer = new RecordingProducer(() => new Promise<[]>(() => undefined));
    const ingest = handlerWith(producer, 100).ingest(
      { partner, events: [events['device.collected']] },
      FIXTURE_NOW,
    );
    await expect(ingest).rejects.toMatchObject({ code: GatewayErrorCode.KAFKA_UNAVAILABLE });
  });
});
