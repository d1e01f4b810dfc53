import { DependencyHealth, HealthIndicator, probe } from '@refurb/health';
import { DataSource } from 'typeorm';

/** Past this age, the oldest outbox row means the relay is not keeping up (or cannot produce at all). */
export const DEFAULT_OUTBOX_MAX_AGE_MS = 60_000;

/** Ready while the outbox's oldest row is younger than the limit: what was decided reaches Kafka. */
export class OutboxHealthIndicator implements HealthIndicator {
  readonly dependency = 'outbox';

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: string,
    private readonly maxAgeMs = DEFAULT_OUTBOX_MAX_AGE_MS,
  ) {}

  async check(): Promise<DependencyHealth> {
    let ageMs = 0;
    const reachable = await probe(this.dependency, async () => {
      const [row]: { age_ms: number | null }[] = await this.dataSource.query(
        `SELECT (extract(epoch FROM now() - min(created_at)) * 1000)::float8 AS age_ms FROM ${this.table}`,
      );
      ageMs = row?.age_ms ?? 0;
    });
    if (reachable.status === 'down') return reachable;
    return ageMs <= this.maxAgeMs ? { status: 'up' } : { status: 'down', reason: 'BEHIND' };
  }
}
