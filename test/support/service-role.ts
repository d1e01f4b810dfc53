import { TestDatabase } from '@refurb/testing';
import { Client } from 'pg';

/**
 * The statements of README.md#one-postgresql-role-per-service, run as the superuser: a login role that
 * may create schemas in this database (its first migration creates its own, which it then owns) and owns
 * its migration history in `public`, and nothing else. Roles are cluster-wide: `dropServiceRole` after.
 */
export async function createServiceRole(database: TestDatabase, role: string, schema: string): Promise<void> {
  await database.query(`
    CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    GRANT CONNECT, CREATE ON DATABASE ${database.name} TO ${role};
    CREATE TABLE public.${schema}_migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
    ALTER TABLE public.${schema}_migrations OWNER TO ${role}`);
}

/** The database's URL, logging in as `role` (local PostgreSQL trusts 127.0.0.1, so no password). */
export function urlAs(database: TestDatabase, role: string): string {
  const url = new URL(database.url);
  url.username = role;
  url.password = '';
  return url.toString();
}

/** Drops the role once the databases holding its objects are dropped. */
export async function dropServiceRole(database: TestDatabase, role: string): Promise<void> {
  const maintenance = new URL(database.url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${role}`);
  } finally {
    await client.end();
  }
}
