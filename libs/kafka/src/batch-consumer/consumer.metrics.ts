import { Histogram, Registry } from 'prom-client';
import { DeadLetterMetrics } from '../dead-letter/dead-letter.metrics';

/** Seconds: a few messages in milliseconds up to a 2,000-message fetch re-deriving many devices. */
const TRANSACTION_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Messages: the gatherer puts up to 2,000 in one transaction by default. */
const TRANSACTION_SIZE_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000];

/** What the batch consumer of one group reports: its transactions and the dead letters it isolates. */
export class ConsumerMetrics {
  private readonly duration: Histogram<'group' | 'outcome'>;
  private readonly size: Histogram<'group'>;
  readonly deadLetters: DeadLetterMetrics;

  constructor(
    registry: Registry,
    private readonly groupId: string,
  ) {
    this.duration = new Histogram({
      name: 'refurb_consumer_transaction_duration_seconds',
      help: 'Batch transactions (messages, business writes and offsets in one PostgreSQL transaction), by outcome: committed or failed.',
      labelNames: ['group', 'outcome'],
      buckets: TRANSACTION_DURATION_BUCKETS,
      registers: [registry],
    });
    this.size = new Histogram({
      name: 'refurb_consumer_transaction_messages',
      help: 'Messages processed per committed batch transaction.',
      labelNames: ['group'],
      buckets: TRANSACTION_SIZE_BUCKETS,
      registers: [registry],
    });
    this.deadLetters = new DeadLetterMetrics(registry);
  }

  committed(seconds: number, messages: number): void {
    this.duration.observe({ group: this.groupId, outcome: 'committed' }, seconds);
    this.size.observe({ group: this.groupId }, messages);
  }

  failed(seconds: number): void {
    this.duration.observe({ group: this.groupId, outcome: 'failed' }, seconds);
  }
}
