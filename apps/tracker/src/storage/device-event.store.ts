import { Injectable } from '@nestjs/common';
import { AnyDeviceEvent } from '@refurb/contracts';
import { EntityManager } from 'typeorm';
import { AdmittedEvent } from '../track-device-events/event-admission';
import { StoredHistorySizes } from '../track-device-events/history-limits';

/** tracker.device_events: every accepted event once, by id, with its canonical hash. */
@Injectable()
export class DeviceEventStore {
  /** Inserts the events whose id is new; returns the ids that were inserted. */
  async insertNew(manager: EntityManager, events: readonly AdmittedEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO tracker.device_events
         (event_id, device_id, type, occurred_at, source, event, event_hash, topic, partition, kafka_offset)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[],
                            $7::text[], $8::text[], $9::int[], $10::bigint[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [
        events.map((e) => e.event.id),
        events.map((e) => e.event.subject),
        events.map((e) => e.event.type),
        events.map((e) => e.event.time),
        events.map((e) => e.event.source),
        events.map((e) => JSON.stringify(e.event)),
        events.map((e) => e.hash),
        events.map((e) => e.message.topic),
        events.map((e) => e.message.partition),
        events.map((e) => e.message.offset),
      ],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async hashesOf(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, string>> {
    if (eventIds.length === 0) return new Map();
    const rows: { event_id: string; event_hash: string }[] = await manager.query(
      `SELECT event_id, event_hash FROM tracker.device_events WHERE event_id = ANY($1::text[])`,
      [eventIds],
    );
    return new Map(rows.map((row) => [row.event_id, row.event_hash]));
  }

  /**
   * How many events each device holds, and how many resales and returns each (device, order) pair does:
   * what the history limits are checked against. One index probe per device, as below.
   */
  async historySizes(
    manager: EntityManager,
    deviceIds: readonly string[],
    orders: readonly { deviceId: string; orderId: string }[],
  ): Promise<StoredHistorySizes> {
    const devices: { device_id: string; n: number }[] =
      deviceIds.length === 0
        ? []
        : await manager.query(
            `SELECT wanted.device_id, stored.n
             FROM unnest($1::text[]) AS wanted(device_id)
             CROSS JOIN LATERAL (
               SELECT count(*)::int AS n FROM tracker.device_events WHERE device_id = wanted.device_id OFFSET 0
             ) AS stored`,
            [deviceIds],
          );
    const orderRows: { device_id: string; order_id: string; n: number }[] =
      orders.length === 0
        ? []
        : await manager.query(
            `SELECT wanted.device_id, wanted.order_id, stored.n
             FROM unnest($1::text[], $2::text[]) AS wanted(device_id, order_id)
             CROSS JOIN LATERAL (
               SELECT count(*)::int AS n FROM tracker.device_events
               WHERE device_id = wanted.device_id AND type IN ('device.resold', 'device.returned')
                 AND event->'data'->>'orderId' = wanted.order_id
               OFFSET 0
             ) AS stored`,
            [orders.map((o) => o.deviceId), orders.map((o) => o.orderId)],
          );
    const eventsOf = new Map(devices.map((row) => [row.device_id, row.n]));
    const orderEventsOf = new Map(
      orderRows.map((row) => [JSON.stringify([row.device_id, row.order_id]), row.n]),
    );
    return {
      eventsOf: (deviceId) => eventsOf.get(deviceId) ?? 0,
      orderEventsOf: (deviceId, orderId) => orderEventsOf.get(JSON.stringify([deviceId, orderId])) ?? 0,
    };
  }

  /** Every stored event of these devices, grouped by device. */
  async loadForDevices(
    manager: EntityManager,
    deviceIds: readonly string[],
  ): Promise<Map<string, AnyDeviceEvent[]>> {
    // One index probe per device (a lateral subquery that OFFSET 0 keeps from being flattened into a join).
    // `device_id = ANY($1)` let PostgreSQL guess from missing or stale statistics (a fresh database,
    // autovacuum off) that a few hundred devices meant most of the table, and scan all of it: replays
    // slowed down as the table grew. The same form is used wherever the tracker reads by device.
    const rows: { device_id: string; event: AnyDeviceEvent }[] = await manager.query(
      `SELECT wanted.device_id, stored.event
       FROM unnest($1::text[]) AS wanted(device_id)
       CROSS JOIN LATERAL (
         SELECT event FROM tracker.device_events WHERE device_id = wanted.device_id OFFSET 0
       ) AS stored`,
      [deviceIds],
    );
    const byDevice = new Map<string, AnyDeviceEvent[]>();
    for (const row of rows) {
      const events = byDevice.get(row.device_id) ?? [];
      events.push(row.event);
      byDevice.set(row.device_id, events);
    }
    return byDevice;
  }
}
