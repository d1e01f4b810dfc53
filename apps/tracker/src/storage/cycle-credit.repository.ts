import { Injectable } from '@nestjs/common';
import { CycleCreditData } from '@refurb/contracts';
import { EntityManager } from 'typeorm';

/** The credit state of one cycle: how many plan steps published changes, and the credit standing now. */
export interface CycleCreditState {
  cycleId: string;
  deviceId: string;
  steps: number;
  /** The published credit not yet reversed, with what is needed to reverse it. */
  standing: CycleCreditData | null;
}

/** tracker.cycle_credits: one row per cycle that was ever credited. */
@Injectable()
export class CycleCreditRepository {
  async loadForDevices(
    manager: EntityManager,
    deviceIds: readonly string[],
  ): Promise<Map<string, CycleCreditState>> {
    const rows: { cycle_id: string; device_id: string; steps: number; credit: CycleCreditData | null }[] =
      await manager.query(
        `SELECT stored.cycle_id, wanted.device_id, stored.steps, stored.credit
         FROM unnest($1::text[]) AS wanted(device_id)
         CROSS JOIN LATERAL (
           SELECT cycle_id, steps, credit FROM tracker.cycle_credits WHERE device_id = wanted.device_id OFFSET 0
         ) AS stored`,
        [deviceIds],
      );
    return new Map(
      rows.map((row) => [
        row.cycle_id,
        { cycleId: row.cycle_id, deviceId: row.device_id, steps: row.steps, standing: row.credit },
      ]),
    );
  }

  async save(manager: EntityManager, states: readonly CycleCreditState[]): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `INSERT INTO tracker.cycle_credits (cycle_id, device_id, steps, credit_change_id, fingerprint, credit)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::jsonb[])
       ON CONFLICT (cycle_id) DO UPDATE
         SET steps = EXCLUDED.steps, credit_change_id = EXCLUDED.credit_change_id,
             fingerprint = EXCLUDED.fingerprint, credit = EXCLUDED.credit, updated_at = now()`,
      [
        states.map((s) => s.cycleId),
        states.map((s) => s.deviceId),
        states.map((s) => s.steps),
        states.map((s) => s.standing?.changeId ?? null),
        states.map((s) => s.standing?.fingerprint ?? null),
        states.map((s) => (s.standing ? JSON.stringify(s.standing) : null)),
      ],
    );
  }
}
