import { Injectable, Logger } from '@nestjs/common';
import { withTimeout } from '@refurb/health';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** A scrape waits this long at most for PostgreSQL: an outage must not hang `/metrics`. */
const QUERY_TIMEOUT_MS = 3_000;
const STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;

/**
 * Webhook deliveries by status, and the age of the oldest pending one, read from
 * issuance.webhook_deliveries when `/metrics` is scraped: a growing `failed` count or an old pending
 * delivery is a receiver finance should hear about. Each gauge runs its own query (prom-client collects
 * the metrics of a scrape concurrently); when PostgreSQL does not answer in time the series are left out.
 */
@Injectable()
export class WebhookDeliveriesMetrics {
  private readonly logger = new Logger(WebhookDeliveriesMetrics.name);

  constructor(registry: Registry, dataSource: DataSource) {
    const query = async <T>(sql: string): Promise<T[] | undefined> => {
      try {
        return await withTimeout<T[]>(dataSource.query(sql), QUERY_TIMEOUT_MS);
      } catch (error) {
        this.logger.warn(
          `Webhook deliveries unknown: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
    };
    new Gauge({
      name: 'refurb_issuance_webhook_deliveries',
      help: 'Webhook deliveries by status: pending, delivered, failed (attempts spent), cancelled.',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await query<{ status: string; deliveries: string }>(
          `SELECT status, count(*) AS deliveries FROM issuance.webhook_deliveries GROUP BY status`,
        );
        if (!rows) return;
        for (const status of STATUSES) {
          this.set({ status }, Number(rows.find((row) => row.status === status)?.deliveries ?? 0));
        }
      },
    });
    new Gauge({
      name: 'refurb_issuance_webhook_oldest_pending_seconds',
      help: 'Age of the oldest webhook delivery not yet delivered nor given up (0 when none).',
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await query<{ seconds: string | null }>(
          `SELECT extract(epoch FROM now() - min(created_at)) AS seconds
           FROM issuance.webhook_deliveries WHERE status = 'pending'`,
        );
        if (rows) this.set(Number(rows[0]?.seconds ?? 0));
      },
    });
  }
}
