import { AnyDeviceEvent, CycleCreditData, CycleCreditRecord } from '@refurb/contracts';
import { DeviceCycle, deriveDeviceCycles } from '@refurb/lifecycle';
import { TestDatabase } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';

export interface TrackerSnapshot {
  /** Every stored event by id, with the hash of its normalised content. */
  events: { eventId: string; hash: string }[];
  cycles: { cycleId: string; state: string; conflicts: number; issues: unknown }[];
  standingCredits: { cycleId: string; fingerprint: string; avoidedG: number }[];
}

/** What the tracker concluded, in a form two runs can be compared with: order-free, sorted by id. */
export async function trackerSnapshot(database: TestDatabase): Promise<TrackerSnapshot> {
  const events = await database.query<TrackerSnapshot['events'][number]>(
    `SELECT event_id AS "eventId", event_hash AS hash FROM tracker.device_events
     ORDER BY event_id COLLATE "C", source COLLATE "C"`,
  );
  const cycles = await database.query<TrackerSnapshot['cycles'][number]>(
    `SELECT cycle_id AS "cycleId", state, conflicts, issues FROM tracker.device_cycles ORDER BY cycle_id`,
  );
  const standingCredits = await database.query<{ cycleId: string; fingerprint: string; avoidedG: number }>(
    `SELECT cycle_id AS "cycleId", fingerprint, (credit->'emissions'->>'avoidedG')::int AS "avoidedG"
     FROM tracker.cycle_credits WHERE credit IS NOT NULL ORDER BY cycle_id`,
  );
  return { events, cycles, standingCredits };
}

/** The pure derivation over these (accepted) events, sorted as the snapshot is. */
export function expectedCycles(accepted: readonly AnyDeviceEvent[]): DeviceCycle[] {
  const byDevice = new Map<string, AnyDeviceEvent[]>();
  for (const event of accepted) byDevice.set(event.subject, [...(byDevice.get(event.subject) ?? []), event]);
  return [...byDevice.values()]
    .flatMap((deviceEvents) => deriveDeviceCycles(deviceEvents).cycles)
    .sort((a, b) => a.cycleId.localeCompare(b.cycleId));
}

/** What the snapshot holds of these cycles: the projection the tracker keeps in device_cycles. */
export function projectedCycles(cycles: readonly DeviceCycle[]): TrackerSnapshot['cycles'] {
  return cycles.map((cycle) => ({
    cycleId: cycle.cycleId,
    state: cycle.state,
    conflicts: cycle.conflicts.length,
    issues:
      cycle.conflicts.length + cycle.anomalies.length > 0
        ? { conflicts: cycle.conflicts, anomalies: cycle.anomalies }
        : null,
  }));
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
