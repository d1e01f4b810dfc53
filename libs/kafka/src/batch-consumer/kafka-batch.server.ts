import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, ConsumerCrashEvent, ConsumerGroupJoinEvent, EachBatchPayload, Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { BatchGatherer } from './batch-gatherer';
import { BatchTransactions, FetchedBatch, PoisonDeadLetters } from './batch-transactions';
import { ConsumerLagCollector } from './consumer-lag.collector';
import { ConsumerStatus } from './consumer-state';
import { ConsumerMetrics } from './consumer.metrics';
import { PartitionOffsetStore } from './partition-offset.store';
import { RestartBackoff } from './restart-backoff';

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  /** A client of the same cluster that never retries, for the lag computed at scrape time (KAFKA_PROBE). */
  probeKafka?: Kafka;
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
  /** The service's metrics registry: transactions, isolated dead letters and lag are reported there. */
  metricsRegistry?: Registry;
}

/**
 * kafkajs workers, each holding one partition batch of a fetch: enough for every partition a member is
 * assigned, so that a whole fetch reaches the gatherer at once. They only wait; transactions are bounded
 * by `concurrentTransactions`.
 */
const PARTITION_WORKERS = 1_024;
const DEFAULT_CLOSE_GRACE_MS = 5_000;
const DEFAULT_MAX_FETCH_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_PARTITION_FETCH_BYTES = 1024 * 1024;

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
 * or a lagging seek delivers again are skipped, and a batch that starts past them makes the consumer
 * seek back rather than skip what lies between. Offsets are also committed to Kafka once their
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
  private readonly transactions: BatchTransactions;
  private readonly gatherer: BatchGatherer<FetchedBatch>;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.offsets = new PartitionOffsetStore(options.offsetsTable);
    const registry = options.metricsRegistry;
    if (registry) {
      // Registers its gauges, which compute the lag when the registry is scraped.
      new ConsumerLagCollector(registry, {
        ...options,
        kafka: options.probeKafka ?? options.kafka,
        topics: () => [...this.messageHandlers.keys()],
      });
    }
    this.transactions = new BatchTransactions(
      { ...options, metrics: registry && new ConsumerMetrics(registry, options.groupId) },
      (topic) => this.getHandlerByPattern(topic) ?? undefined,
      (topic, partition, offset) => this.consumer?.seek({ topic, partition, offset: offset.toString() }),
    );
    this.gatherer = new BatchGatherer((group) => this.transactions.processGroup(group), {
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
}
