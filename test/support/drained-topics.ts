import { randomUUID } from 'node:crypto';
import { eventually, KafkaTestClient } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';

/**
 * Reads topics from the beginning and tells what one key holds on one: everything produced to it before
 * a marker sent afterwards on the same key (so the same partition) has been read once the marker has.
 * How a test shows that nothing was produced for a refused event.
 */
export class DrainedTopics {
  private constructor(
    private readonly kafka: KafkaTestClient,
    private readonly seen: ReadonlyMap<string, KafkaMessage[]>,
  ) {}

  static async watch(kafka: KafkaTestClient, topics: readonly string[]): Promise<DrainedTopics> {
    const seen = new Map<string, KafkaMessage[]>();
    for (const topic of topics) seen.set(topic, await kafka.collect(topic));
    return new DrainedTopics(kafka, seen);
  }

  /** The messages of `key` on `topic` produced before this call, markers left out. */
  async drained(topic: string, key: string): Promise<KafkaMessage[]> {
    const seen = this.seen.get(topic);
    if (!seen) throw new Error(`${topic} is not watched`);
    const marker = `marker-${randomUUID()}`;
    await this.kafka.produce(topic, [{ key, value: JSON.stringify({ id: marker }) }]);
    await eventually(() => Promise.resolve(seen.some((m) => m.value?.toString().includes(marker))), Boolean, {
      what: `marker on ${topic}`,
    });
    return seen.filter((m) => m.key?.toString() === key && !m.value?.toString().includes('marker-'));
  }
}
