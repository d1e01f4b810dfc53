import { TestDatabase } from '@refurb/testing';
import { Client } from 'pg';

/**
 * Cuts one database off, as a failover or a restart of PostgreSQL would look to its clients, without
 * touching the machine-wide cluster that other test runs share: new connections are refused
 * (ALLOW_CONNECTIONS false, which binds superusers too) and every open one is terminated.
 */
export class DatabaseOutage {
  constructor(private readonly database: TestDatabase) {}

  async begin(): Promise<void> {
    await this.onServer(async (client) => {
      await client.query(`ALTER DATABASE ${this.identifier} ALLOW_CONNECTIONS false`);
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [this.database.name],
      );
    });
  }

  /** Idempotent: also the clean-up of a test that failed during the outage. */
  async end(): Promise<void> {
    await this.onServer((client) => client.query(`ALTER DATABASE ${this.identifier} ALLOW_CONNECTIONS true`));
  }

  private get identifier(): string {
    return `"${this.database.name.replace(/"/g, '""')}"`;
  }

  private async onServer<T>(use: (client: Client) => Promise<T>): Promise<T> {
    const url = new URL(this.database.url);
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  }
}
