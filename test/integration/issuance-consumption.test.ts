import { TOPICS } from '@refurb/contracts';
import { DEFAULT_FACTOR_SET, FactorSet } from '@refurb/emissions';
import { ConsumedBatch } from '@refurb/kafka';
import {
  creditMessage,
  creditRecord,
  imeiOf,
  reversalOf,
} from '@refurb/issuance/testing/credit-records.fixture';
import { eventually, localRecordSigner } from '@refurb/testing';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { migrateService } from '../support/tracker-database';
import { KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';
import { PlaceCreditLinesHandler } from '../../apps/issuance/src/place-credit-lines/place-credit-lines.handler';

// Expected figures are worked out by hand from the tables of docs/methodology.md (2025-defaults):
//   smartphone, battery, 450 km road: BE 51180 - PE (2800 + 2000 + 18) = 46362
//   laptop, nothing replaced: BE 187800 - PE 10000 = 177800
//   tablet, nothing replaced: BE 74920 - PE 4000 = 70920
//   smartphone, nothing replaced, under a factor set with new_g 60000:
//     BE = floor((9000*60000 + 1000*2800)/10000) + 500 = 54280 + 500 = 54780; PE 2800 -> 51980
const FR_2026_FACTORS: FactorSet = {
  ...DEFAULT_FACTOR_SET,
  version: 'fr-2026-test',
  categories: {
    ...DEFAULT_FACTOR_SET.categories,
    smartphone: { ...DEFAULT_FACTOR_SET.categories.smartphone, newG: 60_000 },
  },
};

const device = (n: number) => imeiOf(11, n);
const tracker = localRecordSigner('tracker');

describe('issuance consumes credit records into batch lines', () => {
  let service: IssuanceTestApp;
  let deadLetters: KafkaMessage[];

  beforeAll(async () => {
    service = await IssuanceTestApp.start('consumption', { ISSUANCE_SEED_LOCAL: 'true' });
    // Issuance recomputes every figure with the factor set it names, read from the tracker's table when
    // the two share a database: the test factor set is registered there as the tracker would.
    await migrateService(service.database, 'tracker', TRACKER_MIGRATIONS);
    await service.database.query(
      `INSERT INTO tracker.factor_sets (version, methodology, factors) VALUES ($1, 'RL-REFURB-1', $2)`,
      [FR_2026_FACTORS.version, JSON.stringify(FR_2026_FACTORS)],
    );
    deadLetters = await service.kafka.collect(TOPICS.deadLetter);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('seed-local configures the demo projects and the workshops the simulator uses', async () => {
    // ISSUANCE_SEED_LOCAL=true seeded them at start; the CLI command gives the same result.
    const atStart = await service.http<{ id: string; projectId: string }[]>('GET', '/v1/workshops', {
      role: 'admin',
    });
    expect(atStart.body.map((w) => w.id)).toEqual([
      'ws-berlin-01',
      'ws-hamburg-01',
      'ws-lyon-01',
      'ws-paris-01',
    ]);
    const { output } = await service.cli('seed-local');
    const seeded = output as {
      projects: { id: string; country: string }[];
      workshops: { id: string; projectId: string }[];
    };
    expect(seeded.projects.map((p) => [p.id, p.country])).toEqual([
      ['FR-01', 'FR'],
      ['DE-01', 'DE'],
    ]);
    expect(seeded.workshops.map((w) => [w.id, w.projectId])).toEqual([
      ['ws-paris-01', 'FR-01'],
      ['ws-lyon-01', 'FR-01'],
      ['ws-berlin-01', 'DE-01'],
      ['ws-hamburg-01', 'DE-01'],
    ]);
    // Running it again changes nothing.
    expect((await service.cli('seed-local')).output).toEqual(output);
  });

  const phone = creditRecord({
    deviceId: device(1),
    category: 'smartphone',
    workshopId: 'ws-paris-01',
    vintage: 2025,
    partsReplaced: ['battery'],
    legs: [{ distanceKm: 450, mode: 'road' }],
  });
  const laptopFr = creditRecord({
    deviceId: device(2),
    category: 'laptop',
    workshopId: 'ws-lyon-01',
    vintage: 2025,
  });
  const tabletDe = creditRecord({
    deviceId: device(3),
    category: 'tablet',
    workshopId: 'ws-berlin-01',
    vintage: 2025,
  });
  const laptopDe2024 = creditRecord({
    deviceId: device(4),
    category: 'laptop',
    workshopId: 'ws-hamburg-01',
    vintage: 2024,
  });
  const phoneOtherFactors = creditRecord({
    deviceId: device(5),
    category: 'smartphone',
    workshopId: 'ws-paris-01',
    vintage: 2025,
    factors: FR_2026_FACTORS,
  });
  const firstRecords = [phone, laptopFr, tabletDe, laptopDe2024, phoneOtherFactors];

  it('places each credit in the open batch of its (project, vintage, factor set), opened on demand', async () => {
    await service.produce(firstRecords);
    const lines = await service.linesEventually(firstRecords.map((r) => r.id));
    const byId = new Map(lines.map((line) => [line.change_id, line]));
    expect(byId.get(phone.id)).toMatchObject({
      project_id: 'FR-01',
      vintage: 2025,
      factor_set_version: '2025-defaults',
      avoided_g: '46362',
      kind: 'credit',
    });
    expect(byId.get(laptopFr.id)).toMatchObject({ project_id: 'FR-01', avoided_g: '177800' });
    expect(byId.get(tabletDe.id)).toMatchObject({ project_id: 'DE-01', vintage: 2025, avoided_g: '70920' });
    expect(byId.get(laptopDe2024.id)).toMatchObject({
      project_id: 'DE-01',
      vintage: 2024,
      avoided_g: '177800',
    });
    expect(byId.get(phoneOtherFactors.id)).toMatchObject({
      project_id: 'FR-01',
      factor_set_version: 'fr-2026-test',
      avoided_g: '51980',
    });
    // Same key, same batch; every other key its own batch.
    expect(byId.get(phone.id)!.batch_id).toBe(byId.get(laptopFr.id)!.batch_id);
    expect(new Set(lines.map((line) => line.batch_id)).size).toBe(4);

    const stored = await service.database.query<{
      evidence: { workshopId: string };
      emissions: { partsG: number };
      fingerprint: string;
    }>(`SELECT evidence, emissions, fingerprint FROM issuance.credit_lines WHERE change_id = $1`, [phone.id]);
    expect(stored[0]).toEqual({
      evidence: phone.data.evidence,
      emissions: phone.data.emissions,
      fingerprint: phone.data.fingerprint,
    });

    const listed = await service.http<
      { id: string; state: string; factorSetVersion: string; lines: { lineCount: number; grossG: number } }[]
    >('GET', '/v1/batches?project=FR-01&vintage=2025&state=open', { role: 'finance' });
    expect(listed.status).toBe(200);
    expect(listed.body.map((b) => [b.factorSetVersion, b.lines.lineCount, b.lines.grossG]).sort()).toEqual([
      ['2025-defaults', 2, 46_362 + 177_800],
      ['fr-2026-test', 1, 51_980],
    ]);
  });

  it('ignores records delivered again, in one Kafka batch or later', async () => {
    const before = await service.database.query(
      `SELECT change_id, batch_id, avoided_g FROM issuance.credit_lines ORDER BY change_id`,
    );
    const batchesBefore = await service.database.query(`SELECT id FROM issuance.batches ORDER BY id`);
    await service.produce([phone, laptopFr, laptopFr, tabletDe]);
    await service.caughtUp();
    expect(
      await service.database.query(
        `SELECT change_id, batch_id, avoided_g FROM issuance.credit_lines ORDER BY change_id`,
      ),
    ).toEqual(before);
    expect(await service.database.query(`SELECT id FROM issuance.batches ORDER BY id`)).toEqual(
      batchesBefore,
    );
    const ours = new Set(firstRecords.map((r) => r.data.deviceId));
    expect(deadLetters.filter((m) => ours.has(m.key?.toString() ?? ''))).toEqual([]);
  });

  it('dead-letters what is not a credit record, with its reason, and keeps consuming', async () => {
    const valid = creditRecord({
      deviceId: device(6),
      category: 'laptop',
      workshopId: 'ws-paris-01',
      vintage: 2025,
    });
    const wrongSign = {
      ...creditRecord({ deviceId: device(7), category: 'laptop', workshopId: 'ws-paris-01', vintage: 2025 }),
    };
    wrongSign.data = { ...wrongSign.data, signedAvoidedG: -177_800 };
    const reused = {
      ...phone,
      data: { ...phone.data, signedAvoidedG: 1, emissions: { ...phone.data.emissions, avoidedG: 1 } },
    };
    await service.kafka.produce(TOPICS.credited, [
      { key: device(8), value: 'not json at all' },
      {
        key: device(9),
        value: JSON.stringify(tracker.sign({ ...valid, data: { ...valid.data, evidence: undefined } })),
      },
      creditMessage(wrongSign, tracker),
      creditMessage(reused, tracker),
      creditMessage(valid, tracker),
    ]);
    await service.linesEventually([valid.id]);
    const reasons = await eventually(
      () =>
        Promise.resolve(
          deadLetters
            .filter((m) => [device(8), device(9), device(7), device(1)].includes(m.key?.toString() ?? ''))
            .map((m) => [
              m.key?.toString(),
              m.headers?.['dlq-reason-code']?.toString(),
              m.headers?.['dlq-reason-field']?.toString(),
            ]),
        ),
      (found) => found.length === 4,
      { what: 'four dead letters' },
    );
    expect(reasons.sort()).toEqual(
      [
        [device(8), 'ISSUANCE.INVALID_CREDIT_RECORD', undefined],
        [device(9), 'ISSUANCE.INVALID_CREDIT_RECORD', 'data.evidence'],
        [device(7), 'ISSUANCE.INVALID_CREDIT_RECORD', 'data.signedAvoidedG'],
        [device(1), 'ISSUANCE.CHANGE_ID_REUSED', 'id'],
      ].sort(),
    );
    const letter = deadLetters.find((m) => m.key?.toString() === device(8))!;
    expect(letter.value?.toString()).toBe('not json at all');
    expect(letter.headers?.['dlq-source-topic']?.toString()).toBe(TOPICS.credited);
    expect(await service.lines([wrongSign.id])).toEqual([]);
    expect((await service.lines([phone.id]))[0].avoided_g).toBe('46362');
  });

  it('keeps a credit of an unknown workshop as an unplaced line, and places it once the workshop is configured', async () => {
    const lost = creditRecord({
      deviceId: device(10),
      category: 'laptop',
      workshopId: 'ws-marseille-01',
      vintage: 2025,
    });
    const lostToo = creditRecord({
      deviceId: device(11),
      category: 'tablet',
      workshopId: 'ws-marseille-01',
      vintage: 2025,
    });
    const lostReversal = reversalOf(lostToo);
    await service.produce([lost, lostToo, lostReversal]);
    await service.linesEventually([lost.id, lostToo.id, lostReversal.id], false);

    const unplaced = await service.http<{ changeId: string; reason: string; workshopId: string }[]>(
      'GET',
      '/v1/unplaced',
      { role: 'finance' },
    );
    expect(unplaced.status).toBe(200);
    const ours = unplaced.body.filter((line) => line.workshopId === 'ws-marseille-01');
    expect(ours.map((line) => [line.changeId, line.reason]).sort()).toEqual(
      [
        [lost.id, 'ISSUANCE.UNKNOWN_WORKSHOP'],
        [lostToo.id, 'ISSUANCE.UNKNOWN_WORKSHOP'],
        [lostReversal.id, 'ISSUANCE.REVERSED_CREDIT_UNPLACED'],
      ].sort(),
    );

    const workshop = await service.http('PUT', '/v1/workshops/ws-marseille-01', {
      role: 'admin',
      body: { name: 'Marseille workshop', projectId: 'FR-01' },
    });
    expect(workshop.status).toBe(200);
    const placed = await service.http<{ placed: number }>('POST', '/v1/unplaced/place', { role: 'admin' });
    expect(placed.status).toBe(200);
    expect(placed.body.placed).toBeGreaterThanOrEqual(3);

    const lines = await service.lines([lost.id, lostToo.id, lostReversal.id]);
    const frBatch = (await service.lines([phone.id]))[0].batch_id;
    expect(
      lines
        .map((line) => [line.change_id, line.project_id, line.batch_id, line.avoided_g, line.unplaced_reason])
        .sort(),
    ).toEqual(
      [
        [lost.id, 'FR-01', frBatch, '177800', null],
        [lostToo.id, 'FR-01', frBatch, '70920', null],
        [lostReversal.id, 'FR-01', frBatch, '-70920', null],
      ].sort(),
    );
  });

  it('a workshop moving to another project affects only credits placed afterwards', async () => {
    const before = creditRecord({
      deviceId: device(12),
      category: 'laptop',
      workshopId: 'ws-lyon-01',
      vintage: 2025,
    });
    await service.produce([before]);
    const [placedBefore] = await service.linesEventually([before.id]);
    expect(placedBefore.project_id).toBe('FR-01');

    const moved = await service.http<{ projectId: string; validFrom: string }>(
      'PUT',
      '/v1/workshops/ws-lyon-01',
      {
        role: 'admin',
        body: { name: 'Lyon workshop', projectId: 'DE-01', validFrom: '2026-01-01T00:00:00Z' },
      },
    );
    expect(moved.body).toMatchObject({ projectId: 'DE-01', validFrom: '2026-01-01T00:00:00.000Z' });

    const after = creditRecord({
      deviceId: device(13),
      category: 'laptop',
      workshopId: 'ws-lyon-01',
      vintage: 2025,
    });
    const reversalOfBefore = reversalOf(before);
    await service.produce([after, reversalOfBefore]);
    const lines = await service.linesEventually([before.id, after.id, reversalOfBefore.id]);
    const byId = new Map(lines.map((line) => [line.change_id, line]));
    expect(byId.get(before.id)).toMatchObject({ project_id: 'FR-01', batch_id: placedBefore.batch_id });
    expect(byId.get(after.id)).toMatchObject({ project_id: 'DE-01' });
    // The reversal follows its credit, not the workshop's new project.
    expect(byId.get(reversalOfBefore.id)).toMatchObject({
      project_id: 'FR-01',
      batch_id: placedBefore.batch_id,
      avoided_g: '-177800',
    });
  });

  it('crash-safety: the same consumed batch handed to the use case again changes nothing', async () => {
    const handler = service.app.get(PlaceCreditLinesHandler);
    const dataSource = service.app.get(DataSource);
    const redelivered: ConsumedBatch = {
      messages: firstRecords.map((record, index) => ({
        topic: TOPICS.credited,
        partition: 0,
        offset: String(1_000_000 + index),
        timestamp: String(Date.now()),
        key: Buffer.from(record.data.deviceId),
        value: Buffer.from(JSON.stringify(tracker.sign(record))),
        headers: { 'content-type': Buffer.from('application/cloudevents+json') },
      })),
    };
    const snapshot = () =>
      Promise.all([
        service.database.query(`SELECT * FROM issuance.credit_lines ORDER BY change_id`),
        service.database.query(`SELECT * FROM issuance.batches ORDER BY id`),
        service.database.query(`SELECT count(*)::int AS n FROM issuance.outbox`),
      ]);
    const before = await snapshot();
    const first = await dataSource.transaction((manager) => handler.place(redelivered, manager));
    const second = await dataSource.transaction((manager) => handler.place(redelivered, manager));
    for (const result of [first, second]) {
      expect(result).toEqual({ placed: 0, unplaced: 0, duplicates: firstRecords.length, deadLettered: [] });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('crash and resume: a new instance resumes from the offsets in PostgreSQL even when Kafka forgot them', async () => {
    const snapshot = () =>
      service.database.query(
        `SELECT change_id, batch_id, avoided_g FROM issuance.credit_lines ORDER BY change_id`,
      );
    const before = await snapshot();
    const deadLettersBefore = await service.producedTo(TOPICS.deadLetter);
    const fresh = creditRecord({
      deviceId: device(14),
      category: 'tablet',
      workshopId: 'ws-berlin-01',
      vintage: 2025,
    });
    await service.restart(async () => {
      // As if the process died after its PostgreSQL commit but before Kafka heard of the offsets.
      const admin = service.kafka.kafka.admin();
      await admin.connect();
      try {
        await admin.resetOffsets({ groupId: service.groupId, topic: TOPICS.credited, earliest: true });
      } finally {
        await admin.disconnect();
      }
      await service.produce([fresh]);
    });
    const [line] = await service.linesEventually([fresh.id]);
    expect(line).toMatchObject({ project_id: 'DE-01', avoided_g: '70920' });
    await service.caughtUp();
    const after = (await snapshot()).filter((row) => row.change_id !== fresh.id);
    expect(after).toEqual(before);
    // Re-processing the old records would have dead-lettered the malformed ones a second time.
    expect(await service.producedTo(TOPICS.deadLetter)).toBe(deadLettersBefore);
  });
});
