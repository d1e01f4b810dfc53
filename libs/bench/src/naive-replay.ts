import { INPUT_TOPICS } from '@refurb/contracts';
import { ProgramSpec, ServiceProcess } from '@refurb/local-stack';
import { ProgressBar } from '@refurb/simulator';
import { Admin } from 'kafkajs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { query } from './bench-query';
import { ConsumerLag, consumerLag, totalLag } from './consumer-lag';
import { peakResidentMb } from './peak-memory';

export interface NaiveReplayOptions {
  /** The services' environment (broker, database); the naive tracker's own variables are added. */
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  admin: Admin;
  port: number;
  groupId: string;
  /** Records on the input topics, for the progress bar. */
  records: number;
}

export interface NaiveReplay {
  /** From the first record handled to the last. */
  seconds: number;
  eventsPerSecond: number;
  peakResidentMb: number;
}

/** Built next to this file by `npm run build` (apps' tsconfig compiles every lib). */
const NAIVE_TRACKER_ENTRY_POINT = join(__dirname, 'naive', 'main.js');

async function groupLag(admin: Admin, groupId: string): Promise<ConsumerLag> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...INPUT_TOPICS] });
  const lags = await Promise.all(
    committed.map(async ({ topic, partitions }) =>
      consumerLag(await admin.fetchTopicOffsets(topic), partitions),
    ),
  );
  return totalLag(lags);
}

/**
 * Replays the records already on the input topics through the naive tracker (the stock Nest Kafka
 * transport, one message at a time) in a group of its own, until the group has committed every one.
 */
export async function replayThroughNaiveTracker(options: NaiveReplayOptions): Promise<NaiveReplay> {
  const spec: ProgramSpec = { name: 'naive', port: options.port, entryPoint: NAIVE_TRACKER_ENTRY_POINT };
  const env = {
    ...options.env,
    NAIVE_TRACKER_PORT: String(options.port),
    NAIVE_TRACKER_CONSUMER_GROUP: options.groupId,
  };
  const naive = new ServiceProcess(spec, env, () => undefined);
  let exitCode: number | null | undefined;
  naive.start();
  void naive.whenExited().then((code) => (exitCode = code));
  try {
    await naive.waitUntilHealthy();
    const progress = new ProgressBar({ label: 'naive', total: options.records });
    for (;;) {
      if (exitCode !== undefined)
        throw new Error(`the naive tracker exited with ${exitCode}:\n${naive.outputTail()}`);
      const lag = await groupLag(options.admin, options.groupId);
      progress.update(lag.consumed);
      if (lag.remaining === 0) break;
      await sleep(500);
    }
    progress.finish();
    const peak = peakResidentMb(naive.pid!);
    const [span] = await query<{ first: Date; last: Date }>(
      options.databaseUrl,
      `SELECT min(received_at) AS first, max(received_at) AS last FROM (
         SELECT received_at FROM naive.device_events UNION ALL SELECT received_at FROM naive.refused_events
       ) AS handled`,
    );
    const seconds = Math.max((span.last.getTime() - span.first.getTime()) / 1000, 1e-3);
    return { seconds, eventsPerSecond: Math.round(options.records / seconds), peakResidentMb: peak };
  } finally {
    await naive.stop();
  }
}
