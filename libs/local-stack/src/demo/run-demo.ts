import { KafkaEnv, loadConfig } from '@refurb/config';
import { TOPICS } from '@refurb/contracts';
import { createKafka } from '@refurb/kafka';
import { ProgressBar, sendToGateway, Simulation } from '@refurb/simulator';
import { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createIssuanceKey,
  seedGatewayPartners,
  seedIssuanceProjects,
  seedTrackerSources,
} from '../operator-cli';
import { pipelineSettled, PipelineGroups } from '../pipeline-progress';
import { inCloseOrder, oldestVintageFirst } from './close-order';
import { DemoBatch, DemoReport } from './demo-report';

export interface DemoOptions {
  env: NodeJS.ProcessEnv;
  gatewayUrl: string;
  issuanceUrl: string;
  devices: number;
  seed: number;
  log: (line: string) => void;
}

export interface DemoResult {
  report: DemoReport;
  financeKey: string;
  /** A verifier key, to audit the closed batches in the console. */
  verifierKey: string;
  /** A key of the demo workshop partner (bench-lyon), to sign in at /station. */
  workshopKey: string;
}

interface BatchView {
  id: string;
  projectId: string;
  vintage: number;
  state: string;
  closedAt: string | null;
  closeSequence: number | null;
  lines: { lineCount: number; grossG: number };
  totals: { netG: number; credits: number } | null;
  serials: { block: string } | null;
}

/**
 * The mission in a few minutes: partners send a simulated year through the gateway, the pipeline
 * derives cycles and credits, finance closes every open batch, and the report says what came out.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { env, log } = options;
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/refurb_ledger';
  const groups: PipelineGroups = {
    tracker: env.TRACKER_CONSUMER_GROUP ?? 'refurb-ledger.tracker',
    issuance: env.ISSUANCE_CONSUMER_GROUP ?? 'refurb-ledger.issuance',
  };
  // The demo's own client reads topic offsets: against a secured cluster, an operator's principal.
  const kafka = createKafka(loadConfig(KafkaEnv, env).kafkaClient('demo'));
  const admin = kafka.admin();
  await admin.connect();
  try {
    log('Configuring demo partners (gateway), Kafka-native sources (tracker) and projects (issuance)...');
    const partnerKeys = await seedGatewayPartners(env);
    await seedTrackerSources(env);
    await seedIssuanceProjects(env);
    const financeKey = await createIssuanceKey(env, 'finance', 'demo');
    const verifierKey = await createIssuanceKey(env, 'verifier', 'demo');
    const deadLettersFrom = await admin.fetchTopicOffsets(TOPICS.deadLetter);

    const simulation = new Simulation({ seed: options.seed, devices: options.devices });
    const summary = simulation.summary();
    log(
      `Sending ${summary.deliveries.toLocaleString('en-US')} deliveries for ${options.devices.toLocaleString('en-US')} devices through ${options.gatewayUrl}`,
    );
    const progress = new ProgressBar({ label: 'gateway', total: summary.deliveries });
    const sent = await sendToGateway(simulation.deliveries(), {
      url: options.gatewayUrl,
      keys: {
        collection: requiredKey(partnerKeys, 'rebox-fr'),
        workshop: requiredKey(partnerKeys, 'atelier-lyon'),
        resale: requiredKey(partnerKeys, 'backmarket-fr'),
      },
      onProgress: (done) => progress.update(done),
    });
    progress.finish();

    log('Waiting for the tracker and issuance to process everything...');
    await waitUntilSettled(databaseUrl, admin, groups);
    const batches = await closeOpenBatches(options.issuanceUrl, financeKey, log);
    const report: DemoReport = {
      seed: options.seed,
      devices: options.devices,
      sent: sent.sent,
      acceptedAtGateway: sent.accepted,
      rejectedAtGateway: sent.rejectedByCode,
      deadLetters: await deadLettersSince(kafka, admin, deadLettersFrom),
      ...(await cycleCounts(databaseUrl)),
      batches,
    };
    return { report, financeKey, verifierKey, workshopKey: requiredKey(partnerKeys, 'bench-lyon') };
  } finally {
    await admin.disconnect();
  }
}

function requiredKey(keys: Map<string, string>, partner: string): string {
  const key = keys.get(partner);
  if (!key) throw new Error(`seed-local issued no key for ${partner}`);
  return key;
}

async function waitUntilSettled(databaseUrl: string, admin: Admin, groups: PipelineGroups): Promise<void> {
  // Two consecutive settled readings: the relays may still be between a read and a write.
  for (let settledReadings = 0; settledReadings < 2;) {
    settledReadings = (await pipelineSettled(databaseUrl, admin, groups)) ? settledReadings + 1 : 0;
    await sleep(500);
  }
}

async function closeOpenBatches(
  issuanceUrl: string,
  financeKey: string,
  log: (line: string) => void,
): Promise<DemoBatch[]> {
  const call = async <T>(method: string, path: string): Promise<T> => {
    const response = await fetch(`${issuanceUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${financeKey}` },
    });
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  for (const batch of oldestVintageFirst(await call<BatchView[]>('GET', '/v1/batches?state=open'))) {
    log(
      `Closing batch ${batch.id} (${batch.lines.lineCount} lines) as finance would: POST /v1/batches/${batch.id}/close`,
    );
    await call('POST', `/v1/batches/${batch.id}/close`);
  }
  const all = await call<BatchView[]>('GET', '/v1/batches');
  return inCloseOrder(all.filter((batch) => batch.totals)).map((batch) => ({
    id: batch.id,
    projectId: batch.projectId,
    vintage: batch.vintage,
    state: batch.state,
    lines: batch.lines.lineCount,
    netG: batch.totals!.netG,
    credits: batch.totals!.credits,
    serialBlock: batch.serials?.block ?? null,
  }));
}

async function deadLettersSince(
  kafka: Kafka,
  admin: Admin,
  from: { partition: number; offset: string }[],
): Promise<Record<string, number>> {
  const to = await admin.fetchTopicOffsets(TOPICS.deadLetter);
  const remaining = new Map(
    to
      .map(({ partition, high }) => [partition, BigInt(high)] as const)
      .filter(
        ([partition, high]) => high > BigInt(from.find((f) => f.partition === partition)?.offset ?? '0'),
      ),
  );
  const byCode: Record<string, number> = {};
  if (remaining.size === 0) return byCode;
  const consumer = kafka.consumer({ groupId: `refurb-ledger-demo-${Date.now()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.deadLetter, fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const start = new Map(from.map((f) => [f.partition, BigInt(f.offset)]));
  await consumer.run({
    eachMessage: ({ partition, message }) => {
      const offset = BigInt(message.offset);
      const high = remaining.get(partition);
      if (high !== undefined && offset >= (start.get(partition) ?? 0n) && offset < high) {
        const code = message.headers?.['dlq-reason-code']?.toString() ?? 'unknown';
        byCode[code] = (byCode[code] ?? 0) + 1;
      }
      if (high !== undefined && offset >= high - 1n && remaining.delete(partition) && remaining.size === 0)
        done();
      return Promise.resolve();
    },
  });
  for (const [partition, offset] of start)
    consumer.seek({ topic: TOPICS.deadLetter, partition, offset: offset.toString() });
  await finished;
  await consumer.disconnect();
  return byCode;
}

async function cycleCounts(
  databaseUrl: string,
): Promise<Pick<DemoReport, 'cyclesByState' | 'openConflicts'>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const states = await client.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM tracker.device_cycles GROUP BY state',
    );
    const conflicts = await client.query<{ n: string }>(
      'SELECT coalesce(sum(conflicts), 0) AS n FROM tracker.device_cycles',
    );
    return {
      cyclesByState: Object.fromEntries(states.rows.map((row) => [row.state, Number(row.n)])),
      openConflicts: Number(conflicts.rows[0].n),
    };
  } finally {
    await client.end();
  }
}
