import { StoredOffset, TopicPartition } from './partition-offset.store';

/** What the broker holds of one partition: its first offset still kept and the offset of its next record. */
export interface PartitionEnds extends TopicPartition {
  low: bigint;
  high: bigint;
}

export interface PartitionLag extends TopicPartition {
  /** Records on the broker the group has not processed yet. */
  lag: bigint;
}

/**
 * Lag per partition from the broker's ends and the next offsets stored in PostgreSQL (the truth about
 * what was processed, docs/architecture.md#effectively-once). A partition without a stored offset
 * starts from its first record (the consumer subscribes from the beginning); a stored offset below the
 * first record still kept counts only what is left to read, and one past the end (a topic recreated
 * under the group) counts nothing.
 */
export function partitionLags(
  ends: readonly PartitionEnds[],
  stored: readonly StoredOffset[],
): PartitionLag[] {
  const nextOf = new Map(stored.map((o) => [`${o.topic}/${o.partition}`, o.nextOffset]));
  return ends.map(({ topic, partition, low, high }) => {
    const next = nextOf.get(`${topic}/${partition}`) ?? low;
    const from = next < low ? low : next > high ? high : next;
    return { topic, partition, lag: high - from };
  });
}
