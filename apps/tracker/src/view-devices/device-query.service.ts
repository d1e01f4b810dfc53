import { Injectable } from '@nestjs/common';
import { AnyDeviceEvent, CycleCreditData } from '@refurb/contracts';
import { CycleConflict, DeviceCycle, deriveDeviceCycles } from '@refurb/lifecycle';
import { DataSource } from 'typeorm';
import { StoredCycleIssues } from '../storage/device-cycle.repository';
import { PagedCycle, pageOfDevice, PageInfo, PageRequest } from './device-page';

export interface CycleCreditStatus {
  status: 'credited' | 'reversed' | 'never-credited';
  /** How many credit changes (credits and reversals) the cycle has gone through. */
  changes: number;
  changeId?: string;
  avoidedG?: number;
  factorSetVersion?: string;
}

export type CycleView = DeviceCycle & { creditStatus: CycleCreditStatus };

export interface StoredEventView {
  eventId: string;
  type: string;
  time: string;
  source: string;
  /** The workshop (or recycler) the event names, if any: what a scan station shows of it. */
  workshopId: string | null;
  topic: string;
  partition: number;
  offset: string;
  receivedAt: string;
  /**
   * The event's content as stored (its CloudEvent `data`), for the readers that audit it: operators and
   * issuance's verifier drill-down (`auditor`). Left out for workshops and the scan station, which show
   * a bench only what it needs (order ids and other partners' details stay out).
   */
  data?: unknown;
}

/** What a reader of a device may see beyond the events' metadata. */
export interface DeviceReadOptions {
  withData: boolean;
}

/**
 * One page of a device: `events` holds the page's events in time order, `cycles` the cycles they belong
 * to, each listing only the page's events (`eventCount` counts them all). A device with fewer events
 * than the limit fits on one page, where every cycle lists all its events, as before paging.
 */
export interface DeviceView {
  deviceId: string;
  cycles: PagedCycle<CycleView>[];
  events: StoredEventView[];
  page: PageInfo;
}

export interface ConflictView {
  deviceId: string;
  cycleId: string;
  conflict: CycleConflict;
}

/** Read side of the tracker for operators: devices with their cycles, and open conflicts. */
@Injectable()
export class DeviceQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async device(
    deviceId: string,
    request: PageRequest,
    options: DeviceReadOptions = { withData: false },
  ): Promise<DeviceView | undefined> {
    // One read gives the events' metadata for the view and their content for the cycles, which are
    // derived as the consumer derives them: the view is never staler than the stored events. Cycles need
    // every event, so the page is cut in memory; the history limits bound what that reads.
    const rows: (StoredEventView & { event: AnyDeviceEvent })[] = await this.dataSource.query(
      `SELECT event_id AS "eventId", type, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time,
              source, coalesce(event->'data'->>'workshopId', event->'data'->>'recyclerId') AS "workshopId", topic, partition, kafka_offset::text AS "offset", received_at AS "receivedAt", event
       FROM tracker.device_events WHERE device_id = $1 ORDER BY occurred_at, event_id`,
      [deviceId],
    );
    if (rows.length === 0) return undefined;
    const { cycles } = deriveDeviceCycles(rows.map((row) => row.event));
    const credits: { cycle_id: string; steps: number; credit: CycleCreditData | null }[] =
      await this.dataSource.query(
        `SELECT cycle_id, steps, credit FROM tracker.cycle_credits WHERE device_id = $1`,
        [deviceId],
      );
    const creditByCycle = new Map(credits.map((row) => [row.cycle_id, row]));
    const cycleViews = cycles
      .map((cycle) => ({ ...cycle, creditStatus: creditStatus(creditByCycle.get(cycle.cycleId)) }))
      .sort(
        (a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.cycleId.localeCompare(b.cycleId),
      );
    const eventViews = rows.map(({ event, ...view }) => ({
      ...view,
      receivedAt: new Date(view.receivedAt).toISOString(),
      ...(options.withData && { data: event.data }),
    }));
    return { deviceId, ...pageOfDevice(eventViews, cycleViews, request) };
  }

  /** Whether any stored event of the device names the workshop (the scope of a workshop key). */
  async touchedBy(deviceId: string, workshopId: string): Promise<boolean> {
    const rows: { touched: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM tracker.device_events
                      WHERE device_id = $1 AND event->'data'->>'workshopId' = $2) AS touched`,
      [deviceId, workshopId],
    );
    return rows[0].touched;
  }

  /** Open conflicts, one entry per conflicting claim, in cycle-id order; `after` pages through them. */
  async conflicts(limit: number, after?: string): Promise<{ conflicts: ConflictView[]; next?: string }> {
    const rows: { cycle_id: string; device_id: string; issues: StoredCycleIssues }[] =
      await this.dataSource.query(
        `SELECT cycle_id, device_id, issues FROM tracker.device_cycles
       WHERE conflicts > 0 AND ($1::text IS NULL OR cycle_id > $1) ORDER BY cycle_id LIMIT $2`,
        [after ?? null, limit + 1],
      );
    const page = rows.slice(0, limit);
    return {
      conflicts: page.flatMap((row) =>
        row.issues.conflicts.map((conflict) => ({
          deviceId: row.device_id,
          cycleId: row.cycle_id,
          conflict,
        })),
      ),
      next: rows.length > limit ? page[page.length - 1].cycle_id : undefined,
    };
  }
}

function creditStatus(row: { steps: number; credit: CycleCreditData | null } | undefined): CycleCreditStatus {
  if (!row) return { status: 'never-credited', changes: 0 };
  if (!row.credit) return { status: 'reversed', changes: row.steps };
  return {
    status: 'credited',
    changes: row.steps,
    changeId: row.credit.changeId,
    avoidedG: row.credit.emissions.avoidedG,
    factorSetVersion: row.credit.emissions.factorSetVersion,
  };
}
