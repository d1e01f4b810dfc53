import { Injectable, Logger } from '@nestjs/common';
import { withTimeout } from '@refurb/health';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** A scrape waits this long at most for PostgreSQL: an outage must not hang `/metrics`. */
const QUERY_TIMEOUT_MS = 3_000;

/**
 * Batch transitions (docs/methodology.md, batches: open → closed → verified → issued) counted from
 * issuance.batches when `/metrics` is scraped, not incremented in process: finance closes batches
 * through the API and through the operators' CLI alike, and only the table sees both. Every transition
 * leaves its timestamp on the row and is never undone, so the counts only ever grow, as a counter's
 * must, and survive restarts. When PostgreSQL does not answer in time the series are left out.
 */
@Injectable()
export class BatchTransitionsMetrics {
  private readonly logger = new Logger(BatchTransitionsMetrics.name);

  constructor(registry: Registry, dataSource: DataSource) {
    const { logger } = this;
    new Counter({
      name: 'refurb_issuance_batch_transitions_total',
      help: 'Batches that reached each state: opened, closed, verified, issued.',
      labelNames: ['transition'],
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const [row]: { opened: string; closed: string; verified: string; issued: string }[] =
            await withTimeout(
              dataSource.query(
                `SELECT count(*) AS opened, count(closed_at) AS closed, count(verified_at) AS verified,
                        count(issued_at) AS issued
                 FROM issuance.batches`,
              ),
              QUERY_TIMEOUT_MS,
            );
          for (const [transition, count] of Object.entries(row)) this.inc({ transition }, Number(count));
        } catch (error) {
          logger.warn(`Batch transitions unknown: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  }
}
