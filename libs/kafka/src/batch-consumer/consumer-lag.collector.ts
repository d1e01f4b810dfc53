import { Logger } from '@nestjs/common';
import { withTimeout } from '@refurb/health';
import { Kafka } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { PartitionEnds, PartitionLag, partitionLags } from './consumer-lag';
import { PartitionOffsetStore } from './partition-offset.store';

export interface ConsumerLagSource {
  kafka: Kafka;
  dataSource: DataSource;
  groupId: string;
  offsetsTable: string;
  /** The topics the consumer reads, known once its handlers are registered. */
  topics: () => readonly string[];
}

/** A scrape waits this long at most for the broker and PostgreSQL: an outage must not hang `/metrics`. */
const DEFAULT_LAG_TIMEOUT_MS = 3_000;

/**
 * The consumer group's lag per partition, computed when `/metrics` is scraped from the offsets stored in
 * PostgreSQL and the topics' end offsets. When either answers late or not at all, the lag series are
 * left out (a stale lag would look like progress) and `refurb_consumer_lag_scrape_success` is 0.
 */
export class ConsumerLagCollector {
  private readonly logger = new Logger(ConsumerLagCollector.name);
  private readonly offsets: PartitionOffsetStore;
  /** One computation serves both gauges of a scrape, which prom-client collects concurrently. */
  private inFlight?: Promise<PartitionLag[] | undefined>;
  private readonly lag: Gauge<'group' | 'topic' | 'partition'>;
  private readonly success: Gauge<'group'>;

  constructor(
    registry: Registry,
    private readonly source: ConsumerLagSource,
    private readonly timeoutMs = DEFAULT_LAG_TIMEOUT_MS,
  ) {
    this.offsets = new PartitionOffsetStore(source.offsetsTable);
    const lags = () => this.lags();
    this.lag = new Gauge({
      name: 'refurb_consumer_lag_messages',
      help: 'Records on the broker the consumer group has not processed yet (end offset minus the next offset stored in PostgreSQL).',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
      async collect() {
        const known = await lags();
        this.reset();
        for (const { topic, partition, lag } of known ?? []) {
          this.set({ group: source.groupId, topic, partition: String(partition) }, Number(lag));
        }
      },
    });
    this.success = new Gauge({
      name: 'refurb_consumer_lag_scrape_success',
      help: '1 when the last scrape computed the lag, 0 when the broker or PostgreSQL did not answer in time.',
      labelNames: ['group'],
      registers: [registry],
      async collect() {
        this.set({ group: source.groupId }, (await lags()) ? 1 : 0);
      },
    });
  }

  private lags(): Promise<PartitionLag[] | undefined> {
    this.inFlight ??= this.computeLags().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async computeLags(): Promise<PartitionLag[] | undefined> {
    const topics = [...this.source.topics()];
    try {
      const [ends, stored] = await Promise.all([
        withTimeout(this.endOffsets(topics), this.timeoutMs),
        withTimeout(
          this.offsets.nextOffsets(this.source.dataSource.manager, this.source.groupId, topics),
          this.timeoutMs,
        ),
      ]);
      return partitionLags(
        ends,
        stored.map((o) => ({ topic: o.topic, partition: o.partition, nextOffset: BigInt(o.nextOffset) })),
      );
    } catch (error) {
      this.logger.warn(`Consumer lag unknown: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** A short-lived admin client of the probe client: a scrape's question gets one try. */
  private async endOffsets(topics: readonly string[]): Promise<PartitionEnds[]> {
    const admin = this.source.kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    try {
      const perTopic = await Promise.all(
        topics.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map((o) => ({
            topic,
            partition: o.partition,
            low: BigInt(o.low),
            high: BigInt(o.high),
          })),
        ),
      );
      return perTopic.flat();
    } finally {
      await admin.disconnect();
    }
  }
}
