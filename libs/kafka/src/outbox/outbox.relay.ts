import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { KafkaProducerService } from '../kafka-producer.service';
import { decodeHeaders } from './outbox.writer';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: Buffer | null;
  message_value: Buffer;
  headers: Record<string, string>;
}

export interface OutboxRelayOptions {
  table: string;
  /** Most rows produced in one request. */
  batchSize?: number;
  /**
   * Most bytes (keys, values and headers) produced in one request; a larger row goes alone. The rows of
   * one consumed partition batch tend to share an output partition (same keys, same partitioner), so the
   * budget must stay under the broker's per-partition batch limit (`message.max.bytes`, 1 MiB by default).
   */
  maxRequestBytes?: number;
  idleDelayMs?: number;
}

const DEFAULT_MAX_REQUEST_BYTES = 512 * 1024;

/**
 * Produces outbox rows to Kafka in id order and deletes them once Kafka acknowledged them.
 *
 * One relay at a time per table (a transaction-scoped advisory lock), which keeps each key's records in
 * the order they were written even with several service instances. A crash between Kafka's ack and the
 * delete produces the rows again: at-least-once, which is why every record carries a deterministic event
 * id and consumers de-duplicate by it.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  /** Set by `nudge()`: rows were committed since the relay last looked, so it must look again before idling. */
  private nudged = false;
  /** After a failure the relay waits its back-off out: nudges must not turn it into a busy retry loop. */
  private backingOff = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: KafkaProducerService,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /**
   * Rows were just committed to the outbox: relay them now instead of at the next poll. Polling stays
   * the fallback, for rows other instances commit.
   */
  nudge(): void {
    this.nudged = true;
    if (!this.backingOff) this.wake?.();
  }

  /** Relays until the outbox is empty; for tests and for shutdown paths that want a drained outbox. */
  async drain(): Promise<number> {
    let total = 0;
    for (let sent = await this.relayOnce(); sent > 0; sent = await this.relayOnce()) total += sent;
    return total;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.nudged = false;
        const sent = await this.relayOnce();
        failures = 0;
        if (sent === 0 && !this.nudged) await this.idle(this.options.idleDelayMs ?? 100);
      } catch (error) {
        failures += 1;
        const backoff = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
        this.logger.warn(
          `Relaying ${this.options.table} failed (retry in ${backoff} ms): ${(error as Error).message}`,
        );
        this.backingOff = true;
        await this.idle(backoff);
        this.backingOff = false;
      }
    }
  }

  private idle(ms: number): Promise<void> {
    const controller = new AbortController();
    this.wake = () => controller.abort();
    return sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined);
  }

  private relayOnce(): Promise<number> {
    const { table, batchSize = 1000, maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES } = this.options;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [table],
      );
      if (!locked) return 0;
      // The longest prefix in id order within the byte budget, and at least the first row.
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, message_value, headers FROM (
           SELECT *, row_number() OVER (ORDER BY id) AS position,
                  sum(octet_length(message_value) + coalesce(octet_length(message_key), 0)
                      + octet_length(headers::text)) OVER (ORDER BY id) AS running_bytes
           FROM (SELECT * FROM ${table} ORDER BY id LIMIT $1) head
         ) sized
         WHERE position = 1 OR running_bytes <= $2
         ORDER BY id`,
        [batchSize, maxRequestBytes],
      );
      if (rows.length === 0) return 0;
      try {
        await this.producer.sendBatch(groupByTopic(rows));
      } catch (error) {
        if (unproducibleReason(error) === undefined) throw error;
        await this.sendEachOrPark(manager, rows);
      }
      await manager.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  /**
   * Kafka refused the request for good: row by row, what it takes is produced and what it refuses is
   * parked in `<table>_failed` with the refusal, so that one row can never hold back those behind it.
   * A transient failure on the way still rolls everything back (at least once: rows already sent are
   * sent again, and consumers de-duplicate them by id).
   */
  private async sendEachOrPark(manager: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
    for (const row of rows) {
      try {
        await this.producer.sendBatch(groupByTopic([row]));
      } catch (error) {
        const reason = unproducibleReason(error);
        if (reason === undefined) throw error;
        this.logger.error(
          `Parking outbox row ${row.id} of ${this.options.table} (topic ${row.topic}): ${reason.code} ${reason.message}`,
        );
        await manager.query(
          `INSERT INTO ${this.options.table}_failed
             (id, topic, message_key, message_value, headers, created_at, error_code, error_message)
           SELECT id, topic, message_key, message_value, headers, created_at, $2, $3
           FROM ${this.options.table} WHERE id = $1`,
          [row.id, reason.code, reason.message.slice(0, 1_000)],
        );
      }
    }
  }
}

function groupByTopic(rows: readonly OutboxRow[]) {
  const byTopic = new Map<string, { key: Buffer | null; value: Buffer; headers: Record<string, Buffer> }[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: row.message_value, headers: decodeHeaders(row.headers) });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Kafka's refusals that no retry can change, by protocol error type. */
const UNPRODUCIBLE = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'POLICY_VIOLATION',
]);

/** The refusal behind a failed send (kafkajs wraps it in retry errors), if it is one of those. */
export function unproducibleReason(error: unknown): { code: string; message: string } | undefined {
  for (let cause: unknown = error; typeof cause === 'object' && cause !== null;) {
    const { type, message } = cause as { type?: unknown; message?: unknown };
    if (typeof type === 'string' && UNPRODUCIBLE.has(type)) return { code: type, message: String(message) };
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
