import { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** The next offset to be written on every partition of these topics. */
export async function highWatermarks(admin: Admin, topics: readonly string[]): Promise<PartitionOffset[]> {
  const result: PartitionOffset[] = [];
  for (const topic of topics) {
    for (const { partition, high } of await fetchOffsetsWhenLed(admin, topic)) {
      result.push({ topic, partition, offset: high });
    }
  }
  return result;
}

/** Right after a topic is created its partitions may not have a leader yet: retry those answers. */
async function fetchOffsetsWhenLed(admin: Admin, topic: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      const { retriable, cause } = error as { retriable?: boolean; cause?: { retriable?: boolean } };
      if (!(retriable || cause?.retriable) || attempt >= 40) throw error;
      await sleep(250);
    }
  }
}

/**
 * Reads every message of `topic` from the `from` offsets up to (excluding) the `to` offsets, then stops:
 * exactly what a time window of a run wrote, with no guessing about when it is done.
 */
export async function readRange(
  kafka: Kafka,
  topic: string,
  from: readonly PartitionOffset[],
  to: readonly PartitionOffset[],
): Promise<KafkaMessage[]> {
  const start = new Map(from.filter((p) => p.topic === topic).map((p) => [p.partition, BigInt(p.offset)]));
  const end = new Map(to.filter((p) => p.topic === topic).map((p) => [p.partition, BigInt(p.offset)]));
  const pending = new Set(
    [...end].filter(([partition, high]) => high > (start.get(partition) ?? 0n)).map(([p]) => p),
  );
  const messages: KafkaMessage[] = [];
  if (pending.size === 0) return messages;

  const consumer = kafka.consumer({ groupId: `test-range-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const offset = BigInt(message.offset);
      const high = end.get(partition) ?? 0n;
      if (offset >= (start.get(partition) ?? 0n) && offset < high) messages.push(message);
      if (offset >= high - 1n && pending.delete(partition) && pending.size === 0) finish();
      return Promise.resolve();
    },
  });
  for (const [partition, offset] of start) consumer.seek({ topic, partition, offset: offset.toString() });
  await finished;
  await consumer.disconnect();
  return messages;
}
