import { Logger } from '@nestjs/common';
import { withTimeout } from '@refurb/health';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** A scrape waits this long at most for PostgreSQL: an outage must not hang `/metrics`. */
const OUTBOX_QUERY_TIMEOUT_MS = 3_000;

interface OutboxFigures {
  rows: number;
  oldestAgeSeconds: number;
  parked: number;
}

/**
 * The outbox as `/metrics` is scraped, read from its table: rows waiting for the relay, the age of the
 * oldest (what readiness calls BEHIND past a minute) and rows parked in `<table>_failed`, which need an
 * operator. When PostgreSQL does not answer in time the series are left out rather than shown stale.
 */
export class OutboxMetrics {
  private readonly logger = new Logger(OutboxMetrics.name);
  /** One query serves the three gauges of a scrape, which prom-client collects concurrently. */
  private inFlight?: Promise<OutboxFigures | undefined>;

  constructor(
    registry: Registry,
    private readonly dataSource: DataSource,
    private readonly table: string,
  ) {
    this.gauge(registry, 'refurb_outbox_rows', 'Outbox rows not yet produced to Kafka.', (f) => f.rows);
    this.gauge(
      registry,
      'refurb_outbox_oldest_row_age_seconds',
      'Age of the oldest outbox row not yet produced (0 when the outbox is empty).',
      (f) => f.oldestAgeSeconds,
    );
    this.gauge(
      registry,
      'refurb_outbox_parked_rows',
      'Outbox rows Kafka refused for good, parked in <table>_failed for an operator.',
      (f) => f.parked,
    );
  }

  private gauge(
    registry: Registry,
    name: string,
    help: string,
    valueOf: (figures: OutboxFigures) => number,
  ): void {
    const figuresOfScrape = () => this.figures();
    const table = this.table;
    new Gauge({
      name,
      help,
      labelNames: ['table'],
      registers: [registry],
      async collect() {
        const figures = await figuresOfScrape();
        this.reset();
        if (figures) this.set({ table }, valueOf(figures));
      },
    });
  }

  private figures(): Promise<OutboxFigures | undefined> {
    this.inFlight ??= this.query().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async query(): Promise<OutboxFigures | undefined> {
    try {
      const [row]: { rows: string; age_s: number | null; parked: string }[] = await withTimeout(
        this.dataSource.query(
          `SELECT (SELECT count(*) FROM ${this.table}) AS rows,
                  (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM ${this.table}) AS age_s,
                  (SELECT count(*) FROM ${this.table}_failed) AS parked`,
        ),
        OUTBOX_QUERY_TIMEOUT_MS,
      );
      return { rows: Number(row.rows), oldestAgeSeconds: row.age_s ?? 0, parked: Number(row.parked) };
    } catch (error) {
      this.logger.warn(`Outbox figures unknown: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
