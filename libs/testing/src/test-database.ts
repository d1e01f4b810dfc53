import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, ensureDatabaseExists } from '@refurb/database';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';

/** The PostgreSQL server tests use: TEST_DATABASE_SERVER, or the local default. */
function testDatabaseServer(): string {
  return process.env.TEST_DATABASE_SERVER ?? DEFAULT_SERVER;
}

export async function ensurePostgresReachable(): Promise<void> {
  const client = new Client({ connectionString: `${testDatabaseServer()}/postgres` });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${testDatabaseServer()} (${(error as Error).message}). ` +
        'Start it, or set TEST_DATABASE_SERVER=postgres://user@host:port.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A database of the test's own, created empty and dropped by `drop()`. */
export class TestDatabase {
  readonly url: string;

  private constructor(readonly name: string) {
    this.url = `${testDatabaseServer()}/${name}`;
  }

  static async create(label: string): Promise<TestDatabase> {
    const name = `refurb_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
    const database = new TestDatabase(name);
    await ensureDatabaseExists(database.url);
    return database;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  drop(): Promise<void> {
    return dropDatabase(this.url);
  }
}
