import { TOPICS } from '@refurb/contracts';
import { Admin } from 'kafkajs';
import { query } from './bench-query';
import { CreditedCycle, TrackerOutcome } from './naive-comparison';

interface CreditRow {
  cycle_id: string;
  project_id: string | null;
  vintage: number;
  avoided_g: number;
  fingerprint: string;
}

const toCredit = (row: CreditRow): CreditedCycle => ({
  cycleId: row.cycle_id,
  projectId: row.project_id,
  vintage: row.vintage,
  avoidedG: Number(row.avoided_g),
  fingerprint: row.fingerprint,
});

async function count(databaseUrl: string, table: string): Promise<number> {
  const [{ n }] = await query<{ n: string }>(databaseUrl, `SELECT count(*)::text AS n FROM ${table}`);
  return Number(n);
}

/** What the real tracker left: its events, its dead letters (on their topic) and its standing credits. */
export async function realTrackerOutcome(databaseUrl: string, admin: Admin): Promise<TrackerOutcome> {
  const deadLetters = await admin.fetchTopicOffsets(TOPICS.deadLetter);
  const credits = await query<CreditRow>(
    databaseUrl,
    `SELECT c.cycle_id, w.project_id, (c.credit->'evidence'->>'vintage')::int AS vintage,
            (c.credit->'emissions'->>'avoidedG')::int AS avoided_g, c.fingerprint
     FROM tracker.cycle_credits c
     LEFT JOIN issuance.workshops w ON w.id = c.credit->'evidence'->>'workshopId'
     WHERE c.credit IS NOT NULL`,
  );
  return {
    events: await count(databaseUrl, 'tracker.device_events'),
    refused: deadLetters.reduce((total, { high, low }) => total + Number(high) - Number(low), 0),
    credits: credits.map(toCredit),
  };
}

/** What the naive tracker left, in its own schema, attributed to projects through the same workshops. */
export async function naiveTrackerOutcome(databaseUrl: string): Promise<TrackerOutcome> {
  const credits = await query<CreditRow>(
    databaseUrl,
    `SELECT c.cycle_id, w.project_id, c.vintage, c.avoided_g, c.fingerprint
     FROM naive.cycle_credits c LEFT JOIN issuance.workshops w ON w.id = c.workshop_id`,
  );
  return {
    events: await count(databaseUrl, 'naive.device_events'),
    refused: await count(databaseUrl, 'naive.refused_events'),
    credits: credits.map(toCredit),
  };
}
