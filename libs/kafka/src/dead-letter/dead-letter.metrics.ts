import { registeredMetric } from '@refurb/metrics';
import { Counter, Registry } from 'prom-client';

const DEAD_LETTERS_METRIC = 'refurb_dead_letters_total';

/**
 * Dead letters a service wrote, by reason code (`EVENT.INVALID_IMEI`, `TRACKER.PROCESSING_FAILED`...):
 * one counter however many places write them. Count only what a committed transaction wrote
 * (BatchContext.onCommitted), or a rolled-back batch would count its letters twice.
 */
export class DeadLetterMetrics {
  private readonly letters: Counter<'reason'>;

  constructor(registry: Registry) {
    this.letters = registeredMetric(
      registry,
      DEAD_LETTERS_METRIC,
      () =>
        new Counter({
          name: DEAD_LETTERS_METRIC,
          help: 'Messages dead-lettered (written to the outbox for devices.deadletter.v1), by reason code.',
          labelNames: ['reason'],
          registers: [registry],
        }),
    );
  }

  written(reasonCodes: readonly string[]): void {
    for (const reason of reasonCodes) this.letters.inc({ reason });
  }
}
