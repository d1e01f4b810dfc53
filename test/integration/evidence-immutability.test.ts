import { TestDatabase } from '@refurb/testing';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { migrateSchemas } from '../support/migrate-schemas';

const INTEGRITY_CONSTRAINT_VIOLATION = '23000';
const EXCLUSION_VIOLATION = '23P01';

/** What PostgreSQL answered: the refusal's SQLSTATE and message, or that it accepted the statement. */
async function outcome(
  database: TestDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<{ code: string; message: string } | 'accepted'> {
  try {
    await database.query(sql, params);
    return 'accepted';
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

/**
 * Evidence stays evidence whoever holds a connection: the stored device events never change, and serial
 * blocks, once handed out, are never handed out again. The database enforces both (decision 37), so a
 * bug in a service or an operator with psql cannot break them unnoticed.
 */
describe('evidence immutability, enforced by PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await TestDatabase.create('evidence_immutability');
    await migrateSchemas(database, [
      { schema: 'tracker', migrations: TRACKER_MIGRATIONS },
      { schema: 'issuance', migrations: ISSUANCE_MIGRATIONS },
    ]);
  });

  afterAll(async () => {
    await database?.drop();
  });

  describe('tracker.device_events is append-only', () => {
    const insertEvent = (eventId: string) =>
      outcome(
        database,
        `INSERT INTO tracker.device_events
           (event_id, device_id, type, occurred_at, source, event, event_hash, topic, partition, kafka_offset)
         VALUES ($1, 'imei:350000000000001', 'device.refurbished', now(), 'ws-1', '{}', 'h', 'device.refurbished', 0, 1)`,
        [eventId],
      );

    beforeAll(async () => {
      expect(await insertEvent('stored')).toBe('accepted');
    });

    it('takes new events', async () => {
      expect(await insertEvent('another')).toBe('accepted');
    });

    it.each([
      ['UPDATE', `UPDATE tracker.device_events SET source = 'forged' WHERE event_id = 'stored'`],
      ['DELETE', `DELETE FROM tracker.device_events WHERE event_id = 'stored'`],
      ['TRUNCATE', `TRUNCATE tracker.device_events`],
    ])('refuses %s with EVENT.APPEND_ONLY', async (operation, sql) => {
      expect(await outcome(database, sql)).toEqual({
        code: INTEGRITY_CONSTRAINT_VIOLATION,
        message: `EVENT.APPEND_ONLY: tracker.device_events is append-only, ${operation} is refused`,
      });
      const [{ source }] = await database.query<{ source: string }>(
        `SELECT source FROM tracker.device_events WHERE event_id = 'stored'`,
      );
      expect(source).toBe('ws-1');
    });
  });

  describe('issuance serials', () => {
    /** A closed batch holding the serials first..last (1,000,000 g per credit, nothing carried). */
    const closedBatch = (id: string, project: string, closeSequence: number, first: number, last: number) =>
      outcome(
        database,
        `INSERT INTO issuance.batches
           (id, project_id, vintage, factor_set_version, state, closed_at, close_sequence, line_count, discount_bp,
            carried_in_g, gross_g, discount_g, net_g, credits, carried_out_g, serial_first, serial_last, serial_block)
         VALUES ($1, $2, 2025, '2025-defaults', 'closed', now(), $3, 1, 0,
                 0, $4::bigint * 1000000, 0, $4::bigint * 1000000, $4, 0, $5, $6, $7)`,
        [id, project, closeSequence, last - first + 1, first, last, `${first}-${last}`],
      );

    beforeAll(async () => {
      await database.query(
        `INSERT INTO issuance.projects (id, company, country, last_serial)
         VALUES ('SER-FR', 'Serial Test', 'FR', 5), ('SER-DE', 'Serial Test', 'DE', 0)`,
      );
      expect(await closedBatch('ser-1', 'SER-FR', 1, 1, 5)).toBe('accepted');
    });

    it('refuses a block of a project that overlaps another of its blocks without sharing an end', async () => {
      expect(await closedBatch('ser-inside', 'SER-FR', 2, 3, 4)).toEqual({
        code: EXCLUSION_VIOLATION,
        message: expect.stringContaining('batches_serials_disjoint'),
      });
      expect(await closedBatch('ser-across', 'SER-FR', 2, 4, 8)).toEqual({
        code: EXCLUSION_VIOLATION,
        message: expect.stringContaining('batches_serials_disjoint'),
      });
    });

    it('takes the next block of the project, and the same numbers in another project', async () => {
      expect(await closedBatch('ser-2', 'SER-FR', 2, 6, 7)).toBe('accepted');
      expect(await closedBatch('ser-de-1', 'SER-DE', 1, 1, 5)).toBe('accepted');
    });

    it('lets the serial counter of a project grow or stay, never go down', async () => {
      expect(
        await outcome(database, `UPDATE issuance.projects SET last_serial = 7 WHERE id = 'SER-FR'`),
      ).toBe('accepted');
      expect(
        await outcome(database, `UPDATE issuance.projects SET company = 'Renamed' WHERE id = 'SER-FR'`),
      ).toBe('accepted');
      expect(
        await outcome(database, `UPDATE issuance.projects SET last_serial = 6 WHERE id = 'SER-FR'`),
      ).toEqual({
        code: INTEGRITY_CONSTRAINT_VIOLATION,
        message: 'PROJECT.SERIAL_REWOUND: the last serial of project SER-FR never goes down (7 to 6)',
      });
      const [{ last_serial }] = await database.query<{ last_serial: string }>(
        `SELECT last_serial FROM issuance.projects WHERE id = 'SER-FR'`,
      );
      expect(last_serial).toBe('7');
    });
  });
});
