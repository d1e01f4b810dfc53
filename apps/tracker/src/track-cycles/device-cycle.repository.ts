import { Injectable } from '@nestjs/common';
import { DeviceCycle } from '@refurb/lifecycle';
import { EntityManager } from 'typeorm';

/** tracker.device_cycles: the latest derivation of every cycle, replaced device by device. */
@Injectable()
export class DeviceCycleRepository {
  /** Replaces all cycles of these devices with the given ones (a device's cycles can merge or split). */
  async replaceForDevices(
    manager: EntityManager,
    deviceIds: readonly string[],
    cycles: readonly DeviceCycle[],
  ): Promise<void> {
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
    await manager.query(
      `INSERT INTO tracker.device_cycles (cycle_id, device_id, state, cycle, conflicts)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::int[])
       ON CONFLICT (cycle_id) DO UPDATE
         SET state = EXCLUDED.state, cycle = EXCLUDED.cycle, conflicts = EXCLUDED.conflicts, updated_at = now()`,
      [
        cycles.map((cycle) => cycle.cycleId),
        cycles.map((cycle) => cycle.deviceId),
        cycles.map((cycle) => cycle.state),
        cycles.map((cycle) => JSON.stringify(cycle)),
        cycles.map((cycle) => cycle.conflicts.length),
      ],
    );
  }
}
