import { INPUT_TOPICS, InputTopic, STRUCTURED_HEADERS } from '@refurb/contracts';
import { KafkaProducerService, provisionTopics, TopicLayout } from '@refurb/kafka';
import { Kafka, Message } from 'kafkajs';
import { Delivery, deliveryBody } from '../delivery/delivery';
import { RatePacer } from './rate-pacer';
import { batchesOf, DeliverySource, SinkCounter, SinkOptions, SinkTotals } from './sink-result';

export interface KafkaSinkOptions extends SinkOptions {
  kafka: Kafka;
  /**
   * Input topics missing on the cluster are created with this layout first (existing ones are left
   * alone); default 12 partitions, replication factor 1. `null` creates nothing.
   */
  topicLayout?: TopicLayout | null;
}

export interface KafkaSinkResult extends SinkTotals {
  via: 'kafka';
  batches: number;
  sentByTopic: Record<InputTopic, number>;
}

const DEFAULT_KAFKA_BATCH_SIZE = 500;
const DEFAULT_LAYOUT: TopicLayout = { partitions: 12, replicationFactor: 1 };

/** Structured mode, keyed by device id; malformed deliveries go as their raw bytes. */
function messageOf(delivery: Delivery): Message {
  return { key: delivery.key, value: deliveryBody(delivery), headers: { ...STRUCTURED_HEADERS } };
}

function byTopic(deliveries: readonly Delivery[]): { topic: string; messages: Message[] }[] {
  const grouped = new Map<InputTopic, Message[]>();
  for (const delivery of deliveries) {
    const messages = grouped.get(delivery.topic) ?? [];
    messages.push(messageOf(delivery));
    grouped.set(delivery.topic, messages);
  }
  return [...grouped].map(([topic, messages]) => ({ topic, messages }));
}

async function ensureInputTopics(kafka: Kafka, layout: TopicLayout): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await provisionTopics(admin, INPUT_TOPICS, layout);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Produces deliveries straight to their input topics, as a Kafka-native partner would: batched
 * sendBatch calls on the pipeline's idempotent producer (acks from all replicas), in delivery order
 * within each topic, optionally paced to a target rate.
 */
export async function sendToKafka(
  source: DeliverySource,
  options: KafkaSinkOptions,
): Promise<KafkaSinkResult> {
  const { kafka, topicLayout = DEFAULT_LAYOUT, ratePerSecond, onProgress, onBatch } = options;
  if (topicLayout !== null) await ensureInputTopics(kafka, topicLayout);
  const batchSize = RatePacer.batchSize(options.batchSize ?? DEFAULT_KAFKA_BATCH_SIZE, ratePerSecond);
  const pacer = new RatePacer(ratePerSecond);
  const producer = new KafkaProducerService(kafka);
  const counter = new SinkCounter();
  const sentByTopic = Object.fromEntries(INPUT_TOPICS.map((topic) => [topic, 0])) as Record<
    InputTopic,
    number
  >;
  let batches = 0;
  try {
    for await (const batch of batchesOf(source, batchSize)) {
      await pacer.take(batch.length);
      const startedAtMs = Date.now();
      await producer.sendBatch(byTopic(batch));
      batches++;
      for (const delivery of batch) sentByTopic[delivery.topic]++;
      const sent = counter.acknowledged(batch);
      onBatch?.({ deliveries: batch, startedAtMs, acknowledgedAtMs: Date.now() });
      onProgress?.(sent);
    }
  } finally {
    await producer.onApplicationShutdown();
  }
  return { via: 'kafka', ...counter.finish(), batches, sentByTopic };
}
