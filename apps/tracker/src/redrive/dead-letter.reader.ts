import { Inject, Injectable } from '@nestjs/common';
import { KAFKA, REDRIVE_GROUP_PREFIX } from '@refurb/kafka';
import { EachBatchPayload, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { deadLetterRecordOf, DeadLetterRecord } from './dead-letter-record';
import { RedriveException } from './redrive.exception';

export interface ReadOptions {
  /** Give up when nothing arrives for this long (a partition that cannot be read). */
  idleTimeoutMs?: number;
}

/**
 * Reads a topic from its first offset up to the high watermarks it had when reading began, then
 * stops: a bounded scan, whatever is appended meanwhile (such as the dead letters of a redrive).
 * The consumer group is a throwaway one that commits nothing.
 */
@Injectable()
export class DeadLetterReader {
  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async readAll(
    topic: string,
    visit: (record: DeadLetterRecord) => void,
    options: ReadOptions = {},
  ): Promise<number> {
    const ends = await this.highWatermarks(topic);
    const pending = new Set(
      [...ends].filter(([, end]) => end.high > end.low).map(([partition]) => partition),
    );
    if (pending.size === 0) return 0;

    const consumer = this.kafka.consumer({ groupId: `${REDRIVE_GROUP_PREFIX}${randomUUID()}` });
    let read = 0;
    let lastProgress = Date.now();
    let watchdog: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const done = new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: ({ batch }: EachBatchPayload) => {
              const high = ends.get(batch.partition)?.high ?? 0n;
              for (const message of batch.messages) {
                if (BigInt(message.offset) >= high) break;
                visit(deadLetterRecordOf(batch.partition, message));
                read += 1;
              }
              lastProgress = Date.now();
              // Offsets can have gaps (compaction, transaction markers): the batch's last offset decides.
              if (
                BigInt(batch.lastOffset()) >= high - 1n &&
                pending.delete(batch.partition) &&
                pending.size === 0
              ) {
                resolve();
              }
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
      const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
      const stalled = new Promise<never>((_, reject) => {
        watchdog = setInterval(
          () => {
            if (Date.now() - lastProgress > idleTimeoutMs) reject(RedriveException.readStalled([...pending]));
          },
          Math.min(1_000, idleTimeoutMs),
        );
      });
      await Promise.race([done, stalled]);
      return read;
    } finally {
      clearInterval(watchdog);
      await consumer.disconnect();
    }
  }

  private async highWatermarks(topic: string): Promise<Map<number, { low: bigint; high: bigint }>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return new Map(offsets.map((o) => [o.partition, { low: BigInt(o.low), high: BigInt(o.high) }]));
    } finally {
      await admin.disconnect();
    }
  }
}
