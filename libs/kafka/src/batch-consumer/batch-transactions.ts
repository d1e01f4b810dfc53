import { Logger } from '@nestjs/common';
import { MessageHandler } from '@nestjs/microservices';
import { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { UNDECODABLE_BATCH_CODE } from '../compression/undecodable-batch';
import { deadLetterFor } from '../dead-letter/dead-letter';
import { OutboxWriter } from '../outbox/outbox.writer';
import { BatchContext } from './batch.context';
import { GatherableBatch } from './batch-gatherer';
import { ConsumedBatch, ConsumedMessage } from './consumed-batch';
import { ConsumerMetrics } from './consumer.metrics';
import { failureAction } from './failure-policy';
import { PartitionOffsetStore } from './partition-offset.store';
import { BatchSlice, separateUndecodable, UndecodableBatch } from './undecodable-slices';

export interface FetchedBatch extends GatherableBatch {
  payload: EachBatchPayload;
}

/** Where a message that fails on its own goes, and with which code (e.g. `TRACKER.PROCESSING_FAILED`). */
export interface PoisonDeadLetters {
  topic: string;
  /** The service's outbox table: the dead letter is produced like every other output. */
  outboxTable: string;
  processingFailedCode: string;
}

/** Attempts of a whole slice before it is split: a fault in the data fails every time, a race may not. */
const ATTEMPTS_BEFORE_ISOLATING = 2;
const MAX_REASON_LENGTH = 1_000;

/** An error kafkajs will not retry: the consumer crashes for good and reports `failed`. */
function haltingError(cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(`Consumer halted: ${message}`, { cause }), { retriable: false });
}

export interface BatchTransactionsOptions {
  dataSource: DataSource;
  groupId: string;
  /** Schema-qualified table holding the consumer's offsets. */
  offsetsTable: string;
  deadLetters?: PoisonDeadLetters;
  onBatchCommitted?: () => void;
  metrics?: ConsumerMetrics;
}

/** Long batches keep the group membership alive at this pace (kafkajs throttles to heartbeatInterval). */
const KEEP_ALIVE_MS = 1_000;

/**
 * The processing half of KafkaBatchServer: what one fetch brought (the batches of many partitions) in
 * one PostgreSQL transaction together with the consumer's offsets, checked against the offsets stored
 * there; a batch past them seeks back, and a message that fails on its own is isolated and
 * dead-lettered, as the failure policy says.
 */
export class BatchTransactions {
  private readonly logger = new Logger(BatchTransactions.name);
  private readonly offsets: PartitionOffsetStore;
  /** Partitions sought back to their stored offset after a gap, and to which offset. */
  private readonly soughtBack = new Map<string, bigint>();

  constructor(
    private readonly options: BatchTransactionsOptions,
    private readonly handlerFor: (topic: string) => MessageHandler | undefined,
    private readonly seek: (topic: string, partition: number, offset: bigint) => void,
  ) {
    this.offsets = new PartitionOffsetStore(options.offsetsTable);
  }

  /** Processes what one fetch brought, then resolves the offsets of the batches it processed. */
  async processGroup(group: FetchedBatch[]): Promise<void> {
    // Every batch of the group belongs to this consumer: any of their heartbeats keeps the membership.
    const heartbeat = group[0].payload.heartbeat;
    const keepAlive = setInterval(() => {
      heartbeat().catch((error: unknown) => {
        this.logger.warn(`Heartbeat failed: ${(error as Error).message}`);
      });
    }, KEEP_ALIVE_MS);
    let processed: FetchedBatch[];
    try {
      processed = await this.withoutOffsetGaps(group);
      const slices = processed.map(({ payload: { batch } }) => ({ batch, messages: batch.messages }));
      const committedNew = slices.length > 0 && (await this.processOrIsolate(slices, heartbeat));
      if (committedNew) this.options.onBatchCommitted?.();
    } finally {
      clearInterval(keepAlive);
    }
    for (const { payload } of processed) payload.resolveOffset(payload.batch.lastOffset());
  }

  /**
   * A batch that starts above the partition's stored next offset would skip the messages in between
   * (a fetch that ran ahead of the seek to the stored offsets, Kafka offsets ahead of a restored
   * database): the consumer seeks back to the stored offset and the batch is left for the re-fetch. If
   * the re-fetch starts above it again, the gap is real (records the broker no longer has) and the
   * batch is processed, with a warning.
   */
  private async withoutOffsetGaps(group: readonly FetchedBatch[]): Promise<FetchedBatch[]> {
    const topics = [...new Set(group.map(({ payload }) => payload.batch.topic))];
    const stored = await this.offsets.nextOffsets(
      this.options.dataSource.manager,
      this.options.groupId,
      topics,
    );
    const nextOffsetOf = new Map(stored.map((o) => [`${o.topic}/${o.partition}`, BigInt(o.nextOffset)]));
    return group.filter(({ payload: { batch } }) => {
      const key = `${batch.topic}/${batch.partition}`;
      const next = nextOffsetOf.get(key);
      const first = BigInt(batch.messages[0].offset);
      if (next === undefined || first <= next) {
        this.soughtBack.delete(key);
        return true;
      }
      if (this.soughtBack.get(key) === next) {
        this.logger.warn(
          `Offsets ${next} to ${first - 1n} of ${key} are gone from the broker: going on from ${first}`,
        );
        this.soughtBack.delete(key);
        return true;
      }
      this.logger.warn(
        `Batch of ${key} starts at ${first}, past the stored next offset ${next}: seeking back`,
      );
      this.soughtBack.set(key, next);
      this.seek(batch.topic, batch.partition, next);
      return false;
    });
  }

  /**
   * Processes the slices in one transaction. A failure the policy calls transient is thrown (kafkajs
   * retries the fetch), a deployment fault halts the consumer, and a fault in the data is tried again,
   * then isolated: the slices one partition at a time, then one message at a time, until the message
   * that fails alone is dead-lettered and everything else is processed.
   */
  private async processOrIsolate(
    slices: readonly BatchSlice[],
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.processInTransaction(slices, heartbeat);
      } catch (error) {
        const action = failureAction(error);
        if (action === 'halt') throw haltingError(error);
        if (action === 'retry' || !this.options.deadLetters) throw error;
        if (attempt < ATTEMPTS_BEFORE_ISOLATING) continue;
        // Only a healthy database makes a failure the data's: otherwise it is an outage in disguise.
        await this.options.dataSource.query('SELECT 1');
        return this.isolate(slices, error, heartbeat);
      }
    }
  }

  private async isolate(
    slices: readonly BatchSlice[],
    error: unknown,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const parts: BatchSlice[][] =
      slices.length > 1
        ? slices.map((slice) => [slice])
        : slices[0].messages.length > 1
          ? slices[0].messages.map((message) => [{ batch: slices[0].batch, messages: [message] }])
          : [];
    if (parts.length === 0) return this.deadLetterPoison(slices[0], error);
    let committedNew = false;
    for (const part of parts) committedNew = (await this.processOrIsolate(part, heartbeat)) || committedNew;
    return committedNew;
  }

  /**
   * One transaction: the fresh messages of every slice (per stored offsets), then their next offsets.
   * What handlers asked to run once it committed runs then, and only then. Record batches that could
   * not be decompressed are dead-lettered instead of handled, and consumed.
   */
  private async processInTransaction(
    slices: readonly BatchSlice[],
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const whenCommitted: (() => void)[] = [];
    const started = performance.now();
    let messages = 0;
    try {
      const committedNew = await this.options.dataSource.transaction(async (manager) => {
        const fresh = await this.freshIn(manager, slices);
        if (fresh.length === 0) return false;
        messages = fresh.reduce((sum, slice) => sum + slice.messages.length, 0);
        const { decodable, undecodable } = separateUndecodable(fresh);
        if (undecodable.length > 0) {
          await this.deadLetterUndecodable(manager, undecodable);
          whenCommitted.push(() =>
            this.options.metrics?.deadLetters.written(undecodable.map(() => UNDECODABLE_BATCH_CODE)),
          );
        }
        if (decodable.length > 0) {
          const context = new BatchContext([manager, heartbeat, (callback) => whenCommitted.push(callback)]);
          await this.dispatch(decodable, context);
        }
        await this.storeNextOffsets(manager, fresh);
        return true;
      });
      if (committedNew) {
        this.options.metrics?.committed(secondsSince(started), messages);
        this.runCommitted(whenCommitted);
      }
      return committedNew;
    } catch (error) {
      this.options.metrics?.failed(secondsSince(started));
      throw error;
    }
  }

  /** The batch is committed whatever these do: a failure here is logged, never retried. */
  private runCommitted(callbacks: readonly (() => void)[]): void {
    for (const callback of callbacks) {
      try {
        callback();
      } catch (error) {
        this.logger.error(`After-commit callback failed: ${(error as Error).message}`);
      }
    }
  }

  /** Without a dead-letter topic an undecodable batch halts the consumer rather than vanish. */
  private async deadLetterUndecodable(
    manager: EntityManager,
    undecodable: readonly UndecodableBatch[],
  ): Promise<void> {
    if (undecodable.length === 0) return;
    const deadLetters = this.options.deadLetters;
    if (!deadLetters) {
      throw haltingError(`${UNDECODABLE_BATCH_CODE}: ${undecodable[0].detail}, and no dead-letter topic`);
    }
    const letters = undecodable.map(({ batch, message, detail }) => {
      this.logger.error(
        `Dead-lettering ${batch.topic}/${batch.partition}@${message.offset} (${UNDECODABLE_BATCH_CODE}): ${detail}`,
      );
      const reason = { code: UNDECODABLE_BATCH_CODE, message: detail.slice(0, MAX_REASON_LENGTH) };
      return deadLetterFor(deadLetters.topic, toConsumedMessage(batch, message), reason, new Date());
    });
    await new OutboxWriter(deadLetters.outboxTable).append(manager, letters);
  }

  /** The slices' messages not yet processed, by the offsets stored in PostgreSQL (locked until commit). */
  private async freshIn(manager: EntityManager, slices: readonly BatchSlice[]): Promise<BatchSlice[]> {
    const partitions = slices.map(({ batch }) => ({ topic: batch.topic, partition: batch.partition }));
    const stored = await this.offsets.lockNextOffsets(manager, this.options.groupId, partitions);
    const nextOffsetOf = new Map(stored.map((o) => [`${o.topic}/${o.partition}`, o.nextOffset]));
    return slices.flatMap(({ batch, messages }) => {
      const next = nextOffsetOf.get(`${batch.topic}/${batch.partition}`) ?? 0n;
      const fresh = messages.filter((message) => BigInt(message.offset) >= next);
      return fresh.length === 0 ? [] : [{ batch, messages: fresh }];
    });
  }

  private storeNextOffsets(manager: EntityManager, slices: readonly BatchSlice[]): Promise<void> {
    return this.offsets.store(
      manager,
      this.options.groupId,
      slices.map(({ batch, messages }) => ({
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: BigInt(messages[messages.length - 1].offset) + 1n,
      })),
    );
  }

  /** The message that fails on its own: dead-lettered with the error, and consumed, in one transaction. */
  private async deadLetterPoison(slice: BatchSlice, error: unknown): Promise<boolean> {
    const deadLetters = this.options.deadLetters!;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.logger.error(
      `Dead-lettering ${slice.batch.topic}/${slice.batch.partition}@${slice.messages[0].offset} ` +
        `(${deadLetters.processingFailedCode}): ${detail}`,
    );
    const committedNew = await this.options.dataSource.transaction(async (manager) => {
      const fresh = await this.freshIn(manager, [slice]);
      if (fresh.length === 0) return false;
      const reason = { code: deadLetters.processingFailedCode, message: detail.slice(0, MAX_REASON_LENGTH) };
      const letter = deadLetterFor(
        deadLetters.topic,
        toConsumedMessage(slice.batch, slice.messages[0]),
        reason,
        new Date(),
      );
      await new OutboxWriter(deadLetters.outboxTable).append(manager, [letter]);
      await this.storeNextOffsets(manager, fresh);
      return true;
    });
    if (committedNew) this.options.metrics?.deadLetters.written([deadLetters.processingFailedCode]);
    return committedNew;
  }

  /** One call per handler, with the messages of every topic it is registered for. */
  private async dispatch(fresh: readonly BatchSlice[], context: BatchContext): Promise<void> {
    const byHandler = new Map<MessageHandler, ConsumedMessage[]>();
    for (const { batch, messages } of fresh) {
      const handler = this.handlerFor(batch.topic);
      if (!handler) throw new Error(`No @EventPattern handler for topic ${batch.topic}`);
      const consumed = byHandler.get(handler) ?? [];
      for (const message of messages) consumed.push(toConsumedMessage(batch, message));
      byHandler.set(handler, consumed);
    }
    for (const [handler, messages] of byHandler) {
      const result: unknown = await handler({ messages } satisfies ConsumedBatch, context);
      if (isObservable(result)) {
        // Nest's exception filters turn a handler's error into an erroring observable: surface it.
        await lastValueFrom(result, { defaultValue: undefined }).catch((error: unknown) => {
          throw error instanceof Error ? error : new Error(`Batch handler failed: ${JSON.stringify(error)}`);
        });
      }
    }
  }
}

function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}

function toConsumedMessage(batch: Batch, message: KafkaMessage): ConsumedMessage {
  return {
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
    timestamp: message.timestamp,
  };
}
