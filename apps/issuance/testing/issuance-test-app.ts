import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@refurb/config';
import { CycleCreditRecord, TOPICS } from '@refurb/contracts';
import { creditMessage } from '@refurb/issuance/testing/credit-records.fixture';
import { bootstrapService } from '@refurb/runtime';
import {
  eventually,
  freePort,
  highWatermarks,
  KafkaTestClient,
  localRecordSigner,
  provisionAllTopics,
  TestDatabase,
  testKafkaBrokers,
} from '@refurb/testing';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { ISSUANCE_MIGRATIONS } from '../src/migrations';
import { randomBytes } from 'node:crypto';
import { ApiRole } from '../src/auth/api-role';
import { runIssuanceCommand } from '../src/issuance-commands';
import { IssuanceEnv } from '../src/issuance.env';
import { issuanceService } from '../src/service-definition';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * The issuance service started in-process exactly as main.ts starts it (HTTP, consumer, outbox relay),
 * on a database of its own and a consumer group of its own, for integration tests.
 */
export class IssuanceTestApp {
  private readonly keys = new Map<ApiRole, string>();

  private constructor(
    public app: INestApplication,
    readonly database: TestDatabase,
    readonly kafka: KafkaTestClient,
    readonly url: string,
    readonly env: IssuanceEnv,
  ) {}

  get groupId(): string {
    return this.env.ISSUANCE_CONSUMER_GROUP;
  }

  static async start(label: string, extraEnv: Record<string, string> = {}): Promise<IssuanceTestApp> {
    const database = await TestDatabase.create(label);
    const port = await freePort();
    const groupId = `test-issuance-${label}-${randomBytes(4).toString('hex')}`;
    const env = loadConfig(IssuanceEnv, {
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      DATABASE_URL: database.url,
      ISSUANCE_PORT: String(port),
      ISSUANCE_CONSUMER_GROUP: groupId,
      // Request lines at info would drown the test output; warnings and errors still show.
      LOG_LEVEL: 'warn',
      ...extraEnv,
    });
    const kafka = new KafkaTestClient();
    await startAtTheEndOfTheCreditTopic(kafka, database, groupId);
    const app = await bootstrapService(issuanceService(env));
    return new IssuanceTestApp(app, database, kafka, `http://127.0.0.1:${port}`, env);
  }

  /** Stops the service and starts a new instance on the same database, port and consumer group. */
  async restart(whileStopped: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    await this.app.close();
    await whileStopped();
    this.app = await bootstrapService(issuanceService(this.env));
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.kafka.close();
    await this.database.drop();
  }

  /** An operator command, as `npm run issuance -- ...` runs it, against this service's database. */
  async cli(...argv: string[]): Promise<{ output: unknown; exitCode: number }> {
    return runIssuanceCommand(this.app, argv);
  }

  /** A key of the role, created once through the CLI command. */
  async keyOf(role: ApiRole): Promise<string> {
    let key = this.keys.get(role);
    if (!key) {
      const { output } = await this.cli('key-create', '--role', role, '--label', `test ${role}`);
      key = (output as { apiKey: string }).apiKey;
      this.keys.set(role, key);
    }
    return key;
  }

  async http<T = unknown>(
    method: string,
    path: string,
    options: { role?: ApiRole; key?: string; body?: unknown } = {},
  ): Promise<HttpResult<T>> {
    const key = options.key ?? (options.role ? await this.keyOf(options.role) : undefined);
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json')
      ? (JSON.parse(text) as T)
      : (text as T);
    return { status: response.status, body: json, text, headers: response.headers };
  }

  /** Credit records as the tracker publishes them: signed with its (local) key. */
  async produce(records: readonly CycleCreditRecord[]): Promise<void> {
    const tracker = localRecordSigner('tracker');
    await this.kafka.produce(
      TOPICS.credited,
      records.map((record) => creditMessage(record, tracker)),
    );
  }

  /** Waits until the consumer has processed everything on devices.credited.v1 up to now. */
  async caughtUp(): Promise<void> {
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(TOPICS.credited);
      const wanted = new Map(ends.map((end) => [end.partition, BigInt(end.high)]));
      await eventually(
        () =>
          this.database.query<{ partition: number; next_offset: string }>(
            `SELECT partition, next_offset FROM issuance.consumer_offsets WHERE group_id = $1 AND topic = $2`,
            [this.groupId, TOPICS.credited],
          ),
        (rows) => {
          const stored = new Map(rows.map((row) => [row.partition, BigInt(row.next_offset)]));
          return [...wanted].every(
            ([partition, high]) => high === 0n || (stored.get(partition) ?? 0n) >= high,
          );
        },
        { what: 'the issuance consumer to catch up with devices.credited.v1' },
      );
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Messages ever produced to a topic, once the outbox has been relayed: a deterministic count, where
   * reading the topic back would race with the relay.
   */
  async producedTo(topic: string): Promise<bigint> {
    await eventually(
      () => this.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM issuance.outbox`),
      ([row]) => row.n === 0,
      { what: 'an empty outbox' },
    );
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, partition) => sum + BigInt(partition.high), 0n);
    } finally {
      await admin.disconnect();
    }
  }

  /** Lines stored for these change ids (placed or not). */
  lines(changeIds: readonly string[]): Promise<LineRow[]> {
    return this.database.query<LineRow>(
      `SELECT change_id, kind, batch_id, project_id, vintage, factor_set_version, avoided_g::text AS avoided_g,
              unplaced_reason, reverses_change_id
       FROM issuance.credit_lines WHERE change_id = ANY($1::text[]) ORDER BY change_id`,
      [changeIds],
    );
  }

  async linesEventually(changeIds: readonly string[], placed = true): Promise<LineRow[]> {
    return eventually(
      () => this.lines(changeIds),
      (rows) => rows.length === changeIds.length && rows.every((row) => (row.batch_id !== null) === placed),
      { what: `${changeIds.length} ${placed ? 'placed' : 'unplaced'} lines` },
    );
  }
}

export interface LineRow {
  change_id: string;
  kind: 'credit' | 'reversal';
  batch_id: string | null;
  project_id: string | null;
  vintage: number;
  factor_set_version: string;
  avoided_g: string;
  unplaced_reason: string | null;
  reverses_change_id: string | null;
}

/**
 * Other test files share the broker and leave credit records on devices.credited.v1. The service is
 * migrated first and its group's offsets (kept in PostgreSQL) set to the topic's current end, so it
 * consumes exactly what its own test produces.
 */
async function startAtTheEndOfTheCreditTopic(
  kafka: KafkaTestClient,
  database: TestDatabase,
  groupId: string,
) {
  await provisionAllTopics(kafka.kafka);
  const dataSource = await openServiceDataSource(
    serviceDataSourceOptions(
      { url: database.url },
      { schema: 'issuance', entities: [], migrations: ISSUANCE_MIGRATIONS },
    ),
  );
  await dataSource.destroy();
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    const ends = await highWatermarks(admin, [TOPICS.credited]);
    await database.query(
      `INSERT INTO issuance.consumer_offsets (group_id, topic, partition, next_offset)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[])`,
      [groupId, ends.map((o) => o.topic), ends.map((o) => o.partition), ends.map((o) => o.offset)],
    );
  } finally {
    await admin.disconnect();
  }
}
