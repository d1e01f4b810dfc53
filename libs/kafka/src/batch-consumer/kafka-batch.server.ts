import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import {
  Batch,
  Consumer,
  ConsumerCrashEvent,
  ConsumerGroupJoinEvent,
  EachBatchPayload,
  Kafka,
  KafkaMessage,
} from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { deadLetterFor } from '../dead-letter/dead-letter';
import { OutboxWriter } from '../outbox/outbox.writer';
import { BatchContext } from './batch.context';
import { ConsumedBatch, ConsumedMessage } from './consumed-batch';
import { BatchGatherer, GatherableBatch } from './batch-gatherer';
import { PartitionOffsetStore } from './partition-offset.store';
import { ConsumerStatus } from './consumer-state';
import { failureAction } from './failure-policy';
import { RestartBackoff } from './restart-backoff';

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  groupId: string;
  dataSource: DataSource;
  /** Schema-qualified table holding this service's consumer offsets. */
  offsetsTable: string;
  /** Messages one transaction takes at most, from as many partition batches as fit. */
  maxMessagesPerTransaction?: number;
  /** Transactions one instance runs at once. */
  concurrentTransactions?: number;
  sessionTimeoutMs?: number;
  /** Compressed bytes one fetch brings at most, over all partitions (default 8 MiB). */
  maxBytes?: number;
  /** Compressed bytes one fetch brings at most per partition (default 1 MiB, the broker's record limit). */
  maxBytesPerPartition?: number;
  maxWaitTimeMs?: number;
  /** Called after each batch transaction that committed new messages (e.g. to relay its outbox rows now). */
  onBatchCommitted?: () => void;
  /** How long `close()` waits for the consumer to leave its group (default 5 s). */
  closeGraceMs?: number;
  /**
   * Where messages that fail on their own are dead-lettered. Without it, every handler failure is
   * retried until it succeeds, which a message that can never succeed turns into a stalled partition.
   */
  deadLetters?: PoisonDeadLetters;
  /** Called whenever the consumer starts, joins, crashes, restarts or closes (e.g. for readiness). */
  onStatusChange?: (status: ConsumerStatus) => void;
}

/** Long batches keep the group membership alive at this pace (kafkajs throttles to heartbeatInterval). */
const KEEP_ALIVE_MS = 1_000;
/**
 * kafkajs workers, each holding one partition batch of a fetch: enough for every partition a member is
 * assigned, so that a whole fetch reaches the gatherer at once. They only wait; transactions are bounded
 * by `concurrentTransactions`.
 */
const PARTITION_WORKERS = 1_024;
const DEFAULT_CLOSE_GRACE_MS = 5_000;
const DEFAULT_MAX_FETCH_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_PARTITION_FETCH_BYTES = 1024 * 1024;

interface FetchedBatch extends GatherableBatch {
  payload: EachBatchPayload;
}

/** Some messages of one partition batch, in offset order. */
interface BatchSlice {
  batch: Batch;
  messages: readonly KafkaMessage[];
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

/**
 * A NestJS transport that consumes Kafka with kafkajs `eachBatch` and processes what one fetch brought
 * (the batches of many partitions, up to `maxMessagesPerTransaction`) in one PostgreSQL transaction
 * together with the consumer's offsets: effectively once, and one transaction per fetch rather than per
 * partition, which is what keeps latency low when many partitions each bring a few messages.
 *
 * `@EventPattern(topic)` handlers receive a `ConsumedBatch` and a `BatchContext` whose EntityManager is
 * that transaction; a handler registered for several topics is called once with all their messages.
 * PostgreSQL is the source of truth for offsets: on joining the group the consumer seeks to the stored
 * offsets, and every transaction re-checks them under row locks, so messages that a crash, a rebalance
 * or a lagging seek delivers again are skipped. Offsets are also committed to Kafka once their
 * transaction committed, so Kafka's never run ahead of PostgreSQL's and lag monitors can read them; after
 * restoring or recreating a service's database, give it a new consumer group (README).
 *
 * A handler that throws rolls the transaction back, and the failure policy (failure-policy.ts) decides:
 * a transient fault is thrown to kafkajs, which retries the fetch with back-off and, when its retries
 * run out or the broker goes away, crashes the consumer, which this server restarts (a new kafkajs
 * consumer after a back-off): an outage delays processing but loses nothing. A fault in the data is
 * isolated to the one message that fails alone, which is dead-lettered (`deadLetters`) while the rest
 * of the fetch is processed; a deployment fault halts the consumer. Handlers still route bad input they
 * recognise to dead letters themselves, with its own reason code.
 *
 * Restarts are this server's, not kafkajs's (`restartOnFailure` always answers no), because kafkajs's own
 * restart races with `disconnect()`: a restart timer set after the disconnect, or a runner still joining
 * the group when it is disconnected, goes on consuming for ever with nobody holding it. `close()` therefore
 * cancels a pending restart and never disconnects a consumer that is still connecting or joining; that
 * consumer's own start disconnects it as soon as kafkajs lets go of it.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  /** Consumers between `connect()` and the end of `run()`'s group join: kafkajs must not be disconnected then. */
  private readonly starting = new Set<Consumer>();
  private closing = false;
  private restartTimer?: NodeJS.Timeout;
  private readonly restarts = new RestartBackoff();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  private readonly listeners: [string, Function][] = [];
  private readonly offsets: PartitionOffsetStore;
  /** Partitions sought back to their stored offset after a gap, and to which offset. */
  private readonly soughtBack = new Map<string, bigint>();
  private readonly gatherer: BatchGatherer<FetchedBatch>;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.offsets = new PartitionOffsetStore(options.offsetsTable);
    this.gatherer = new BatchGatherer((group) => this.processGroup(group), {
      maxMessages: options.maxMessagesPerTransaction ?? 2_000,
      concurrency: options.concurrentTransactions ?? 2,
    });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /**
   * Stops consuming whatever the broker's state: a pending restart is cancelled, a running consumer
   * finishes its batch in flight and leaves the group, and a consumer still connecting or joining is
   * disconnected by its own start as soon as kafkajs settles it (waiting for that could take minutes of
   * kafkajs retries while the broker is down).
   */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer && !this.starting.has(consumer)) await this.disconnectWithin(consumer);
    this.report('closed');
  }

  /**
   * A healthy broker lets a consumer leave in well under a second once its batch in flight is done. A
   * dead one makes kafkajs wait out its fetch retries and then fail to leave the group: past the grace
   * period the disconnect goes on in the background (it stops fetching at once) and the service stops.
   * A transaction still open then either commits with its offsets or rolls back: nothing is lost.
   */
  private async disconnectWithin(consumer: Consumer): Promise<void> {
    const graceMs = this.options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
    const disconnected = consumer.disconnect().then(
      () => true,
      (error: unknown) => {
        this.logger.warn(`Consumer disconnect failed: ${(error as Error).message}`);
        return true;
      },
    );
    const timer = new Promise<false>((done) => setTimeout(() => done(false), graceMs).unref());
    if (!(await Promise.race([disconnected, timer]))) {
      this.logger.warn(
        `Consumer still disconnecting after ${graceMs} ms (broker unreachable?): stopping anyway`,
      );
    }
  }

  private report(status: ConsumerStatus): void {
    this.options.onStatusChange?.(status);
  }

  /** Subscribes to kafkajs consumer instrumentation events (`consumer.events.*`), on every restart's consumer too. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  on<EventKey extends string, EventCallback extends Function>(
    event: EventKey,
    callback: EventCallback,
  ): void {
    this.listeners.push([event, callback]);
    this.consumer?.on(event as never, callback as never);
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('KafkaBatchServer: the consumer exists after listen()');
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const consumer = this.createConsumer();
    this.consumer = consumer;
    this.report('starting');
    this.starting.add(consumer);
    try {
      await consumer.connect();
      if (!this.closing) {
        await consumer.subscribe({ topics: [...this.messageHandlers.keys()], fromBeginning: true });
        await consumer.run({
          eachBatchAutoResolve: false,
          autoCommit: true,
          partitionsConsumedConcurrently: PARTITION_WORKERS,
          eachBatch: (payload) => this.gather(payload),
        });
      }
    } finally {
      this.starting.delete(consumer);
      if (this.closing) await consumer.disconnect();
    }
  }

  private createConsumer(): Consumer {
    /** Set when kafkajs asks whether to restart, which it does only for an error it deems retriable. */
    let restartWanted = false;
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      // Compressed bytes per fetch: each batch may inflate up to MAX_DECOMPRESSED_BATCH_BYTES, so a fetch
      // bounded at 8 MiB over partitions of 1 MiB keeps a consumer's decompressed data far below its heap.
      maxBytes: this.options.maxBytes ?? DEFAULT_MAX_FETCH_BYTES,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? DEFAULT_MAX_PARTITION_FETCH_BYTES,
      // Bounds how long an idle fetch holds the consumer: shutdown and latency both wait on it.
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
      retry: {
        retries: 8,
        initialRetryTime: 300,
        maxRetryTime: 30_000,
        restartOnFailure: () => {
          restartWanted = true;
          return Promise.resolve(false);
        },
      },
    });
    consumer.on(consumer.events.GROUP_JOIN, (event: ConsumerGroupJoinEvent) => {
      this.report('running');
      this.restarts.reset();
      this.seekToStoredOffsets(consumer, event.payload.memberAssignment).catch((error: unknown) => {
        // Not fatal: the per-batch offset check still skips what was already processed.
        this.logger.warn(`Could not seek to stored offsets: ${(error as Error).message}`);
      });
    });
    for (const [event, callback] of this.listeners) consumer.on(event as never, callback as never);
    // kafkajs emits CRASH once it has disconnected the crashed consumer.
    consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) => {
      if (this.closing || consumer !== this.consumer) return;
      const { error } = event.payload;
      if (restartWanted) {
        const delayMs = this.restarts.next();
        this.report('restarting');
        this.logger.error(`Consumer crashed (restarting in ${delayMs} ms): ${error.message}`);
        this.scheduleRestart(delayMs);
      } else {
        this.report('failed');
        this.logger.error(`Consumer crashed (not restarting): ${error.message}`);
      }
    });
    return consumer;
  }

  private scheduleRestart(delayMs: number): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.closing) return;
      this.start().catch((error: unknown) => {
        if (this.closing) return;
        const retryMs = this.restarts.next();
        this.logger.error(`Consumer restart failed (retrying in ${retryMs} ms): ${(error as Error).message}`);
        this.scheduleRestart(retryMs);
      });
    }, delayMs);
  }

  private async seekToStoredOffsets(consumer: Consumer, assignment: Record<string, number[]>): Promise<void> {
    const stored = await this.offsets.nextOffsets(
      this.options.dataSource.manager,
      this.options.groupId,
      Object.keys(assignment),
    );
    for (const { topic, partition, nextOffset } of stored) {
      if (assignment[topic]?.includes(partition)) consumer.seek({ topic, partition, offset: nextOffset });
    }
  }

  private async gather(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.isEmpty()) return;
    await this.gatherer.submit({
      topic: batch.topic,
      partition: batch.partition,
      messageCount: batch.messages.length,
      payload,
    });
  }

  private async processGroup(group: FetchedBatch[]): Promise<void> {
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
      this.consumer?.seek({ topic: batch.topic, partition: batch.partition, offset: next.toString() });
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

  /** One transaction: the fresh messages of every slice (per stored offsets), then their next offsets. */
  private processInTransaction(
    slices: readonly BatchSlice[],
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    return this.options.dataSource.transaction(async (manager) => {
      const fresh = await this.freshIn(manager, slices);
      if (fresh.length === 0) return false;
      await this.dispatch(fresh, new BatchContext([manager, heartbeat]));
      await this.storeNextOffsets(manager, fresh);
      return true;
    });
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
    return this.options.dataSource.transaction(async (manager) => {
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
  }

  /** One call per handler, with the messages of every topic it is registered for. */
  private async dispatch(fresh: readonly BatchSlice[], context: BatchContext): Promise<void> {
    const byHandler = new Map<MessageHandler, ConsumedMessage[]>();
    for (const { batch, messages } of fresh) {
      const handler = this.getHandlerByPattern(batch.topic);
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
