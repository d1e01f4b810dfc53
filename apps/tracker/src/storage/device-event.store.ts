import { Injectable } from '@nestjs/common';
import { AnyDeviceEvent } from '@refurb/contracts';
import { EntityManager } from 'typeorm';
import { AdmittedEvent } from '../track-device-events/event-admission';
import { identityOf, StoredEventIdentity, StoredIdentities } from '../track-device-events/event-identity';

/**
 * tracker.device_events: every accepted event once, by `(source, id)`, with its canonical hash. An id is
 * also unique within one device's history (a constraint, as the lifecycle names events by id there).
 */
@Injectable()
export class DeviceEventStore {
  /**
   * Inserts the events whose identity and id on their device are both new; returns the identities
   * (`identityOf`) that were inserted. Either constraint skips the row, so callers look again at what was
   * not inserted.
   */
  async insertNew(manager: EntityManager, events: readonly AdmittedEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: { source: string; event_id: string }[] = await manager.query(
      `INSERT INTO tracker.device_events
         (event_id, device_id, type, occurred_at, source, event, event_hash, topic, partition, kafka_offset)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[],
                            $7::text[], $8::text[], $9::int[], $10::bigint[])
       ON CONFLICT DO NOTHING
       RETURNING source, event_id`,
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
    return new Set(rows.map((row) => identityOf({ source: row.source, id: row.event_id })));
  }

  /**
   * The stored events sharing an identity `(source, id)` or an id on the same device with these events,
   * each found by a probe of one of the two unique indexes.
   */
  async storedMatching(manager: EntityManager, events: readonly AnyDeviceEvent[]): Promise<StoredIdentities> {
    if (events.length === 0) return new StoredIdentities([]);
    const rows: StoredEventIdentity[] = await manager.query(
      `SELECT DISTINCT stored.source, stored.event_id AS "eventId", stored.device_id AS "deviceId",
              stored.event_hash AS hash
       FROM unnest($1::text[], $2::text[], $3::text[]) AS wanted(source, event_id, device_id)
       CROSS JOIN LATERAL (
         SELECT source, event_id, device_id, event_hash FROM tracker.device_events
         WHERE source = wanted.source AND event_id = wanted.event_id
         UNION ALL
         SELECT source, event_id, device_id, event_hash FROM tracker.device_events
         WHERE device_id = wanted.device_id AND event_id = wanted.event_id
       ) AS stored`,
      [events.map((e) => e.source), events.map((e) => e.id), events.map((e) => e.subject)],
    );
    return new StoredIdentities(rows);
  }

  /** Every stored event of these devices, grouped by device. */
  async loadForDevices(
    manager: EntityManager,
    deviceIds: readonly string[],
  ): Promise<Map<string, AnyDeviceEvent[]>> {
    if (deviceIds.length === 0) return new Map();
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
