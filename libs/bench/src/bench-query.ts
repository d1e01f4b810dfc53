import { Client } from 'pg';

/** One statement on a connection of its own: the benchmark reads the services' database between phases. */
export async function query<T extends object>(
  databaseUrl: string,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, parameters)).rows;
  } finally {
    await client.end();
  }
}
