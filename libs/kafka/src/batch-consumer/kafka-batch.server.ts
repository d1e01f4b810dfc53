import { CustomTransportStrategy, Server } from '@nestjs/microservices';
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
import { DataSource } from 'typeorm';
import { BatchContext } from './batch.context';
import { ConsumedBatch, ConsumedMessage } from './consumed-batch';
import { PartitionOffsetStore, PartitionRef } from './partition-offset.store';

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  groupId: string;
  dataSource: DataSource;
  /** Schema-qualified table holding this service's consumer offsets. */
  offsetsTable: string;
  /** Partitions processed in parallel by one instance, each in its own transaction. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  maxBytesPerPartition?: number;
  maxWaitTimeMs?: number;
  /** Called after each batch transaction that committed new messages (e.g. to relay its outbox rows now). */
  onBatchCommitted?: () => void;
}

/** Long batches keep the group membership alive at this pace (kafkajs throttles to heartbeatInterval). */
const KEEP_ALIVE_MS = 1_000;

/**
 * A NestJS transport that consumes Kafka with kafkajs `eachBatch` and processes each partition batch
 * in one PostgreSQL transaction together with the consumer's offset: effectively once.
 *
 * `@EventPattern(topic)` handlers receive a `ConsumedBatch` and a `BatchContext` whose EntityManager is
 * that transaction. PostgreSQL is the source of truth for offsets: on joining the group the consumer
 * seeks to the stored offsets, and every batch re-checks them under a row lock, so messages that a
 * crash, a rebalance or a lagging seek delivers again are skipped. Offsets are also committed to Kafka
 * (as a hint for tools such as lag monitors), never relied upon.
 *
 * A handler that throws rolls the batch back; kafkajs then retries it with back-off and restarts the
 * consumer, so a database outage delays processing but loses nothing. Handlers must therefore throw
 * only for transient faults and route bad input elsewhere (dead letters), or the partition stalls.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private readonly offsets: PartitionOffsetStore;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.offsets = new PartitionOffsetStore(options.offsetsTable);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    // kafkajs waits for the batch in flight, then leaves the group so partitions move at once.
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** Subscribes to kafkajs consumer instrumentation events (`consumer.events.*`). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  on<EventKey extends string, EventCallback extends Function>(
    event: EventKey,
    callback: EventCallback,
  ): void {
    if (!this.consumer) throw new Error('KafkaBatchServer: consumer events are available after listen()');
    this.consumer.on(event as never, callback as never);
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('KafkaBatchServer: the consumer exists after listen()');
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      // Bounds how long an idle fetch holds the consumer: shutdown and latency both wait on it.
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
      retry: {
        retries: 8,
        initialRetryTime: 300,
        maxRetryTime: 30_000,
        restartOnFailure: () => Promise.resolve(true),
      },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event: ConsumerGroupJoinEvent) => {
      this.seekToStoredOffsets(consumer, event.payload.memberAssignment).catch((error: unknown) => {
        // Not fatal: the per-batch offset check still skips what was already processed.
        this.logger.warn(`Could not seek to stored offsets: ${(error as Error).message}`);
      });
    });
    consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) => {
      const { error, restart } = event.payload;
      this.logger.error(`Consumer crashed (${restart ? 'restarting' : 'not restarting'}): ${error.message}`);
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.processBatch(payload),
    });
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

  private async processBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    if (batch.isEmpty()) return;
    const ref: PartitionRef = {
      groupId: this.options.groupId,
      topic: batch.topic,
      partition: batch.partition,
    };
    const keepAlive = setInterval(() => {
      heartbeat().catch((error: unknown) => {
        this.logger.warn(
          `Heartbeat failed on ${batch.topic}/${batch.partition}: ${(error as Error).message}`,
        );
      });
    }, KEEP_ALIVE_MS);
    try {
      const committedNew = await this.options.dataSource.transaction(async (manager) => {
        const nextOffset = await this.offsets.lockNextOffset(manager, ref);
        const fresh = batch.messages.filter((message) => BigInt(message.offset) >= nextOffset);
        if (fresh.length === 0) return false;
        const context = new BatchContext([batch.topic, batch.partition, manager, heartbeat]);
        await this.dispatch(toConsumedBatch(batch, fresh), context);
        await this.offsets.store(manager, ref, BigInt(fresh[fresh.length - 1].offset) + 1n);
        return true;
      });
      if (committedNew) this.options.onBatchCommitted?.();
    } finally {
      clearInterval(keepAlive);
    }
    resolveOffset(batch.lastOffset());
    await heartbeat();
  }

  private async dispatch(consumed: ConsumedBatch, context: BatchContext): Promise<void> {
    const handler = this.getHandlerByPattern(consumed.topic);
    if (!handler) throw new Error(`No @EventPattern handler for topic ${consumed.topic}`);
    const result: unknown = await handler(consumed, context);
    if (isObservable(result)) {
      // Nest's exception filters turn a handler's error into an erroring observable: surface it.
      await lastValueFrom(result, { defaultValue: undefined }).catch((error: unknown) => {
        throw error instanceof Error ? error : new Error(`Batch handler failed: ${JSON.stringify(error)}`);
      });
    }
  }
}

function toConsumedBatch(batch: Batch, messages: KafkaMessage[]): ConsumedBatch {
  return {
    topic: batch.topic,
    partition: batch.partition,
    messages: messages.map((message): ConsumedMessage => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers ?? {},
      timestamp: message.timestamp,
    })),
  };
}
