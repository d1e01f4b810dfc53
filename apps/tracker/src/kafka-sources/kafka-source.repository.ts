import { Injectable } from '@nestjs/common';
import { DeviceEventType } from '@refurb/contracts';
import { EntityManager } from 'typeorm';
import { KafkaSource, KafkaSourceRegistration } from './kafka-source';

interface KafkaSourceRow {
  source: string;
  display_name: string;
  event_types: DeviceEventType[];
  workshop_ids: string[];
  site_ids: string[];
  resale_channels: string[];
  created_at: Date;
  updated_at: Date;
  retired_at: Date | null;
}

const COLUMNS = `source, display_name, event_types, workshop_ids, site_ids, resale_channels,
                 created_at, updated_at, retired_at`;

/** tracker.kafka_sources: the Kafka-native partners whose events the tracker accepts, and their scopes. */
@Injectable()
export class KafkaSourceRepository {
  /**
   * Registers a source, or replaces the name and scope of one already registered; registering a retired
   * source again makes it active.
   */
  async register(manager: EntityManager, registration: KafkaSourceRegistration): Promise<KafkaSource> {
    const rows: KafkaSourceRow[] = await manager.query(
      `INSERT INTO tracker.kafka_sources
         (source, display_name, event_types, workshop_ids, site_ids, resale_channels)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source) DO UPDATE SET
         display_name = EXCLUDED.display_name, event_types = EXCLUDED.event_types,
         workshop_ids = EXCLUDED.workshop_ids, site_ids = EXCLUDED.site_ids,
         resale_channels = EXCLUDED.resale_channels, updated_at = now(), retired_at = NULL
       RETURNING ${COLUMNS}`,
      [
        registration.source,
        registration.displayName,
        registration.eventTypes,
        registration.workshopIds,
        registration.siteIds,
        registration.resaleChannels,
      ],
    );
    return sourceOf(rows[0]);
  }

  /** Every registered source, retired ones included, by source. */
  async list(manager: EntityManager): Promise<KafkaSource[]> {
    const rows: KafkaSourceRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM tracker.kafka_sources ORDER BY source`,
    );
    return rows.map(sourceOf);
  }

  /** The sources whose events are accepted now. */
  async active(manager: EntityManager): Promise<KafkaSource[]> {
    const rows: KafkaSourceRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM tracker.kafka_sources WHERE retired_at IS NULL`,
    );
    return rows.map(sourceOf);
  }

  /** The retired source, or undefined if it was not registered and active. */
  async retire(manager: EntityManager, source: string): Promise<KafkaSource | undefined> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [KafkaSourceRow[], number] = await manager.query(
      `UPDATE tracker.kafka_sources SET retired_at = now(), updated_at = now()
       WHERE source = $1 AND retired_at IS NULL RETURNING ${COLUMNS}`,
      [source],
    );
    return rows.length === 0 ? undefined : sourceOf(rows[0]);
  }
}

function sourceOf(row: KafkaSourceRow): KafkaSource {
  return {
    source: row.source,
    displayName: row.display_name,
    eventTypes: row.event_types,
    workshopIds: row.workshop_ids,
    siteIds: row.site_ids,
    resaleChannels: row.resale_channels,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
  };
}
