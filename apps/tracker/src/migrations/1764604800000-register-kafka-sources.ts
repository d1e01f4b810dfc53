import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kafka-native partners are registered like the gateway's (docs/decisions.md, "Kafka-native sources are
 * registered"): the exact CloudEvents `source` they send under, the event types they may send and the
 * workshops, collection sites and resale channels they may name (`{*}` = any). `partners/...` is the
 * gateway's namespace, checked by signature instead, so no registration may claim it.
 *
 * Sources that already sent stored events are registered as they stand, with every type and any value,
 * as the gateway's partners were when scopes came: an upgrade must not start dead-lettering a partner
 * that was accepted the day before. Operators narrow or retire them with `npm run tracker:sources`.
 *
 * Event ids become unique per `(source, id)`, as CloudEvents defines them, and per `(device, id)`: the
 * lifecycle and the credit evidence name events by id within one device's history.
 */
export class RegisterKafkaSources1764604800000 implements MigrationInterface {
  name = 'RegisterKafkaSources1764604800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tracker.kafka_sources (
        source          text        PRIMARY KEY
                                    CHECK (length(source) BETWEEN 1 AND 512 AND source NOT LIKE 'partners/%'),
        display_name    text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        event_types     text[]      NOT NULL CHECK (event_types <@ ARRAY['device.collected', 'device.diagnosed',
                                      'device.repaired', 'device.refurbished', 'device.recycled', 'device.resold',
                                      'device.returned']::text[]),
        workshop_ids    text[]      NOT NULL,
        site_ids        text[]      NOT NULL,
        resale_channels text[]      NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        retired_at      timestamptz
      )`);
    await queryRunner.query(`
      INSERT INTO tracker.kafka_sources
        (source, display_name, event_types, workshop_ids, site_ids, resale_channels)
      SELECT source, left(source, 200),
             ARRAY['device.collected', 'device.diagnosed', 'device.repaired', 'device.refurbished',
                   'device.recycled', 'device.resold', 'device.returned'],
             '{*}', '{*}', '{*}'
      FROM (SELECT DISTINCT source FROM tracker.device_events WHERE source NOT LIKE 'partners/%') AS sent`);
    await queryRunner.query(`ALTER TABLE tracker.device_events DROP CONSTRAINT device_events_pkey`);
    await queryRunner.query(
      `ALTER TABLE tracker.device_events ADD CONSTRAINT device_events_pkey PRIMARY KEY (source, event_id)`,
    );
    await queryRunner.query(
      `ALTER TABLE tracker.device_events ADD CONSTRAINT device_events_id_per_device UNIQUE (device_id, event_id)`,
    );
  }

  /** Fails (unique violation) once two sources have stored the same id: undoing would lose one of them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tracker.device_events DROP CONSTRAINT device_events_id_per_device`);
    await queryRunner.query(`ALTER TABLE tracker.device_events DROP CONSTRAINT device_events_pkey`);
    await queryRunner.query(
      `ALTER TABLE tracker.device_events ADD CONSTRAINT device_events_pkey PRIMARY KEY (event_id)`,
    );
    await queryRunner.query(`DROP TABLE tracker.kafka_sources`);
  }
}
