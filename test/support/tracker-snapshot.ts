import { CycleCreditData, CycleCreditRecord } from '@refurb/contracts';
import { TestDatabase } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';

export interface TrackerSnapshot {
  cycles: { cycleId: string; state: string; cycle: unknown }[];
  standingCredits: { cycleId: string; fingerprint: string; avoidedG: number }[];
}

/** What the tracker concluded, in a form two runs can be compared with: order-free, sorted by id. */
export async function trackerSnapshot(database: TestDatabase): Promise<TrackerSnapshot> {
  const cycles = await database.query<{ cycleId: string; state: string; cycle: unknown }>(
    `SELECT cycle_id AS "cycleId", state, cycle FROM tracker.device_cycles ORDER BY cycle_id`,
  );
  const standingCredits = await database.query<{ cycleId: string; fingerprint: string; avoidedG: number }>(
    `SELECT cycle_id AS "cycleId", fingerprint, (credit->'emissions'->>'avoidedG')::int AS "avoidedG"
     FROM tracker.cycle_credits WHERE credit IS NOT NULL ORDER BY cycle_id`,
  );
  return { cycles, standingCredits };
}

export function parseCreditRecords(messages: readonly KafkaMessage[]): CycleCreditRecord[] {
  return messages.map((message) => JSON.parse(message.value!.toString()) as CycleCreditRecord);
}

/** Records as a consumer sees them after de-duplication by event id; a repeated id must repeat its content. */
export function deduplicateById(records: readonly CycleCreditRecord[]): CycleCreditRecord[] {
  const byId = new Map<string, CycleCreditRecord>();
  for (const record of records) {
    const earlier = byId.get(record.id);
    if (earlier && JSON.stringify(earlier.data) !== JSON.stringify(record.data)) {
      throw new Error(`credit record ${record.id} was published twice with different content`);
    }
    byId.set(record.id, record);
  }
  return [...byId.values()];
}

/**
 * The credits that stand once every reversal cancelled its credit: what the records add up to, whatever
 * path (credit, reversal, credit again) a particular arrival order took to get there.
 */
export function netCredits(
  records: readonly CycleCreditRecord[],
): Omit<CycleCreditData, 'changeId' | 'sequence'>[] {
  const standing = new Map<string, CycleCreditData>();
  for (const { data } of records) {
    if (data.kind === 'credit') standing.set(data.changeId, data);
    else if (!standing.delete(data.reversesChangeId!)) {
      throw new Error(`reversal ${data.changeId} cancels ${data.reversesChangeId}, which does not stand`);
    }
  }
  return [...standing.values()]
    .map(({ changeId: _changeId, sequence: _sequence, ...rest }) => rest)
    .sort((a, b) => a.cycleId.localeCompare(b.cycleId));
}

export function sumSignedAvoidedG(records: readonly CycleCreditRecord[]): number {
  return records.reduce((sum, record) => sum + record.data.signedAvoidedG, 0);
}

/**
 * Checks, cycle by cycle, that the (de-duplicated) records form one valid history: credit, reversal of
 * that credit, credit, ... Two credits standing at once for one cycle would be a double count.
 */
export function assertConsistentCreditHistory(records: readonly CycleCreditRecord[]): void {
  const byCycle = new Map<string, CycleCreditData[]>();
  for (const { data } of records) byCycle.set(data.cycleId, [...(byCycle.get(data.cycleId) ?? []), data]);
  for (const [cycleId, history] of byCycle) {
    history.sort((a, b) => a.sequence - b.sequence || (a.kind === 'reversal' ? -1 : 1));
    let standing: string | undefined;
    for (const change of history) {
      if (change.kind === 'credit') {
        if (standing)
          throw new Error(`${cycleId}: ${change.changeId} credited while ${standing} still stands`);
        standing = change.changeId;
      } else {
        if (change.reversesChangeId !== standing) {
          throw new Error(
            `${cycleId}: ${change.changeId} reverses ${change.reversesChangeId}, not ${standing}`,
          );
        }
        standing = undefined;
      }
    }
  }
}
