import { Message, Producer } from 'kafkajs';
import { PartitionOffset } from './kafka-offsets';

export interface SentMessage<T = unknown> extends PartitionOffset {
  message: Message;
  /** What the test wants to know about the message later (its case, its expected outcome). */
  tag: T;
}

/**
 * Produces messages one at a time, in order, and returns where each landed, so a test can follow every
 * single message (into a table row or a dead letter) by its exact topic, partition and offset.
 */
export async function produceEach<T>(
  producer: Producer,
  messages: readonly { topic: string; message: Message; tag: T }[],
): Promise<SentMessage<T>[]> {
  const sent: SentMessage<T>[] = [];
  for (const { topic, message, tag } of messages) {
    const [landed] = await producer.send({ topic, messages: [message], acks: -1 });
    sent.push({ topic, partition: landed.partition, offset: landed.baseOffset ?? '-1', message, tag });
  }
  return sent;
}

/** For each partition written to, the offset after the last message sent: what a consumer must reach. */
export function endOffsets(sent: readonly PartitionOffset[]): PartitionOffset[] {
  const ends = new Map<string, PartitionOffset>();
  for (const { topic, partition, offset } of sent) {
    const next = (BigInt(offset) + 1n).toString();
    const known = ends.get(`${topic}/${partition}`);
    if (!known || BigInt(known.offset) < BigInt(next))
      ends.set(`${topic}/${partition}`, { topic, partition, offset: next });
  }
  return [...ends.values()];
}
