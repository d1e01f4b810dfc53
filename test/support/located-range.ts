import { PartitionOffset } from '@refurb/testing';
import { Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** A message read back with where it landed: how a test follows a message it did not produce itself. */
export interface LocatedMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

const at = ({ topic, partition }: { topic: string; partition: number }) => `${topic}/${partition}`;

/**
 * Every message between the `from` offsets and (excluding) the `to` offsets, over several topics, with
 * its topic and partition. For messages a service produced (the gateway answers only once Kafka
 * acknowledged), whose offsets the test never saw: libs/testing's readRange drops the partition.
 */
export async function readLocatedRange(
  kafka: Kafka,
  from: readonly PartitionOffset[],
  to: readonly PartitionOffset[],
): Promise<LocatedMessage[]> {
  const start = new Map(from.map((o) => [at(o), BigInt(o.offset)]));
  const end = new Map(
    to.filter((o) => BigInt(o.offset) > (start.get(at(o)) ?? 0n)).map((o) => [at(o), BigInt(o.offset)]),
  );
  const pending = new Set(end.keys());
  const located: LocatedMessage[] = [];
  if (pending.size === 0) return located;

  const consumer = kafka.consumer({ groupId: `test-located-range-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({
    topics: [...new Set(to.filter((o) => end.has(at(o))).map((o) => o.topic))],
    fromBeginning: true,
  });
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    eachMessage: ({ topic, partition, message }) => {
      const key = at({ topic, partition });
      const high = end.get(key);
      const offset = BigInt(message.offset);
      if (high === undefined) return Promise.resolve();
      if (offset >= (start.get(key) ?? 0n) && offset < high) located.push({ topic, partition, message });
      if (offset >= high - 1n && pending.delete(key) && pending.size === 0) finish();
      return Promise.resolve();
    },
  });
  for (const o of from)
    if (end.has(at(o))) consumer.seek({ topic: o.topic, partition: o.partition, offset: o.offset });
  await finished;
  await consumer.disconnect();
  return located;
}
