import { eventually, TestDatabase } from '@refurb/testing';
import { Client } from 'pg';

/**
 * Holds an outbox relay between Kafka's acknowledgement and the delete of what it produced, with no
 * hook in the production code: a statement trigger makes the relay's DELETE sleep, so the test can kill
 * the service exactly there. The relay deletes only after Kafka acknowledged the rows, in the
 * transaction that selected them; killing the service and terminating its stalled backend rolls that
 * transaction back, so the rows are still in the outbox, already on Kafka, and will be produced again.
 */
export class OutboxDeleteStall {
  private readonly trigger: string;
  private readonly fn: string;

  constructor(
    private readonly database: TestDatabase,
    private readonly table: string,
  ) {
    const schema = table.split('.')[0];
    this.trigger = 'chaos_stall_outbox_delete';
    this.fn = `${schema}.chaos_stall_outbox_delete`;
  }

  async arm(): Promise<void> {
    await this.database.query(`
      CREATE FUNCTION ${this.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_sleep(100);
        RETURN NULL;
      END $$`);
    await this.database.query(
      `CREATE TRIGGER ${this.trigger} BEFORE DELETE ON ${this.table} FOR EACH STATEMENT EXECUTE FUNCTION ${this.fn}()`,
    );
  }

  /** The backend of the relay whose DELETE is held, once there is one. */
  async stalledBackend(timeoutMs = 60_000): Promise<number> {
    const [stalled] = await eventually(
      () =>
        this.database.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event = 'PgSleep' AND query LIKE 'DELETE FROM ${this.table}%'`,
        ),
      (rows) => rows.length > 0,
      { timeoutMs, intervalMs: 50, what: `a relay's DELETE on ${this.table} held by the trigger` },
    );
    return stalled.pid;
  }

  /** Ends the held transaction (rolled back, as its client is gone) and removes the trigger. Idempotent. */
  async release(backend?: number): Promise<void> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      if (backend !== undefined) await client.query('SELECT pg_terminate_backend($1)', [backend]);
      await client.query(`DROP TRIGGER IF EXISTS ${this.trigger} ON ${this.table}`);
      await client.query(`DROP FUNCTION IF EXISTS ${this.fn}()`);
    } finally {
      await client.end();
    }
  }
}
