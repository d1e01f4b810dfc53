import { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message';

/**
 * Appends messages to a service's outbox table inside the caller's transaction, so they are produced
 * if and only if the business writes that caused them commit. The service's first migration creates the
 * table, with createKafkaTablesStatements (kafka-tables.ts).
 */
export class OutboxWriter {
  constructor(private readonly table: string) {}

  async append(manager: EntityManager, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    // One statement whatever the count: unnest takes one array parameter per column.
    await manager.query(
      `INSERT INTO ${this.table} (topic, message_key, message_value, headers)
       SELECT * FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::jsonb[])`,
      [
        messages.map((m) => m.topic),
        messages.map((m) => (m.key === null ? null : Buffer.from(m.key))),
        messages.map((m) => m.value),
        messages.map((m) => JSON.stringify(encodeHeaders(m.headers ?? {}))),
      ],
    );
  }
}

function encodeHeaders(headers: Record<string, Buffer | string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Buffer.from(value).toString('base64')]),
  );
}

export function decodeHeaders(stored: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(
    Object.entries(stored).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
  );
}
