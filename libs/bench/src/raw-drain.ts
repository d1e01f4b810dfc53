import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface DrainMeasurement {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
}

/**
 * The ceiling: how fast a kafkajs `eachBatch` consumer that does nothing drains these topics on this
 * machine. Same client library, same broker, same topics as the pipeline, so the ratio is meaningful.
 */
export async function measureRawDrain(
  kafka: Kafka,
  topics: readonly string[],
  expected: number,
): Promise<DrainMeasurement> {
  const consumer = kafka.consumer({ groupId: `bench-raw-drain-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  let consumed = 0;
  let firstAt = 0;
  let lastAt = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachBatchAutoResolve: true,
    partitionsConsumedConcurrently: 4,
    eachBatch: ({ batch }) => {
      const now = performance.now();
      if (consumed === 0) firstAt = now;
      consumed += batch.messages.length;
      lastAt = now;
      if (consumed >= expected) done();
      return Promise.resolve();
    },
  });
  await finished;
  await consumer.disconnect();
  const seconds = Math.max((lastAt - firstAt) / 1000, 1e-3);
  return { messages: consumed, seconds, messagesPerSecond: Math.round(consumed / seconds) };
}
