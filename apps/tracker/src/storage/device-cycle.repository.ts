import { Injectable } from '@nestjs/common';
import { DeviceCycle } from '@refurb/lifecycle';
import { EntityManager } from 'typeorm';

/** What tracker.device_cycles keeps of a cycle besides its state: the issues operators look for. */
export interface StoredCycleIssues {
  conflicts: DeviceCycle['conflicts'];
  anomalies: DeviceCycle['anomalies'];
}

function issuesOf(cycle: DeviceCycle): StoredCycleIssues | null {
  if (cycle.conflicts.length === 0 && cycle.anomalies.length === 0) return null;
  return { conflicts: cycle.conflicts, anomalies: cycle.anomalies };
}

/**
 * tracker.device_cycles: the state and issues of every cycle as last derived, replaced device by device.
 * The full cycle is not stored: it is derived from the device's events when read.
 */
@Injectable()
export class DeviceCycleRepository {
  /** Replaces all cycles of these devices with the given ones (a device's cycles can merge or split). */
  async replaceForDevices(
    manager: EntityManager,
    deviceIds: readonly string[],
    cycles: readonly DeviceCycle[],
  ): Promise<void> {
    // A lateral probe per device keeps the device_id index whatever the statistics (see DeviceEventStore).
    await manager.query(
      `DELETE FROM tracker.device_cycles
       WHERE cycle_id = ANY(ARRAY(
         SELECT stored.cycle_id
         FROM unnest($1::text[]) AS wanted(device_id)
         CROSS JOIN LATERAL (
           SELECT cycle_id FROM tracker.device_cycles WHERE device_id = wanted.device_id OFFSET 0
         ) AS stored
         WHERE NOT (stored.cycle_id = ANY($2::text[]))
       ))`,
      [deviceIds, cycles.map((cycle) => cycle.cycleId)],
    );
    if (cycles.length === 0) return;
    // Rows whose state and issues did not change are left alone: no new row version, no index churn.
    await manager.query(
      `INSERT INTO tracker.device_cycles AS stored (cycle_id, device_id, state, conflicts, issues)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::jsonb[])
       ON CONFLICT (cycle_id) DO UPDATE
         SET state = EXCLUDED.state, conflicts = EXCLUDED.conflicts, issues = EXCLUDED.issues, updated_at = now()
         WHERE (stored.state, stored.issues) IS DISTINCT FROM (EXCLUDED.state, EXCLUDED.issues)`,
      [
        cycles.map((cycle) => cycle.cycleId),
        cycles.map((cycle) => cycle.deviceId),
        cycles.map((cycle) => cycle.state),
        cycles.map((cycle) => cycle.conflicts.length),
        cycles.map((cycle) => {
          const issues = issuesOf(cycle);
          return issues && JSON.stringify(issues);
        }),
      ],
    );
  }
}
