import { BatchSnapshot, BatchTransitionRecord, readTopicMessage, TOPICS } from '@refurb/contracts';
import { ProjectSummary } from '@refurb/issuance';
import { creditRecord, imeiOf, reversalOf } from '@refurb/issuance/testing/credit-records.fixture';
import { eventually } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

// Every expected figure is worked out by hand (docs/methodology.md#batch-close, discount 500 bp):
//   laptop, nothing replaced: 177_800 g; smartphone, battery, 450 km road: 46_362 g.
// Batch 1 (2025): 7 laptops + 1 phone = 1_244_600 + 46_362 = 1_290_962
//   discount = ceil(1_290_962 * 0.05) = ceil(64_548.1) = 64_549; net = 1_226_413
//   credits = 1, carried out = 226_413, serials 000001-000001
// Batch 2 (2025, after batch 1 closed): 6 laptops and the reversal of a batch-1 laptop
//   gross = 6 * 177_800 - 177_800 = 889_000; discount = 44_450; net = 889_000 - 44_450 + 226_413 = 1_070_963
//   credits = 1, carried out = 70_963, serials 000002-000002
// Batches 3 and 4 (2024 and 2023, closed racing): 6 laptops each, gross 1_066_800, discount 53_340
//   first closed:  net = 1_013_460 + 70_963 = 1_084_423 -> 1 credit (serial 3), carried out 84_423
//   second closed: net = 1_013_460 + 84_423 = 1_097_883 -> 1 credit (serial 4), carried out 97_883
const LAPTOP = 177_800;

const device = (n: number) => imeiOf(22, n);
const laptop = (n: number, vintage = 2025) =>
  creditRecord({ deviceId: device(n), category: 'laptop', workshopId: 'ws-close-a', vintage });

type Transition = { batch: BatchSnapshot; replayed: boolean };

describe('closing, verifying and issuing batches', () => {
  let service: IssuanceTestApp;
  let financeTopic: KafkaMessage[];
  let batch1: BatchSnapshot;
  let batch2: BatchSnapshot;
  const batch1Laptops = [1, 2, 3, 4, 5, 6, 7].map((n) => laptop(n));
  const phone = creditRecord({
    deviceId: device(8),
    category: 'smartphone',
    workshopId: 'ws-close-a',
    vintage: 2025,
    partsReplaced: ['battery'],
    legs: [{ distanceKm: 450, mode: 'road' }],
  });

  const close = (id: string) =>
    service.http<Transition>('POST', `/v1/batches/${id}/close`, { role: 'finance' });
  const lastSerial = async () =>
    (
      await service.database.query<{ last_serial: string }>(
        `SELECT last_serial FROM issuance.projects WHERE id = 'CL-FR'`,
      )
    )[0].last_serial;

  beforeAll(async () => {
    service = await IssuanceTestApp.start('close');
    financeTopic = await service.kafka.collect(TOPICS.batches);
    await service.cli('project', 'upsert', 'CL-FR', '--company', 'Close Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-close-a', '--name', 'Close A', '--project', 'CL-FR');
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('closes a batch: totals, discount, serial block, frozen and announced', async () => {
    await service.produce([...batch1Laptops, phone]);
    const lines = await service.linesEventually([...batch1Laptops, phone].map((r) => r.id));
    const batchId = lines[0].batch_id!;
    expect(new Set(lines.map((line) => line.batch_id))).toEqual(new Set([batchId]));

    const closed = await close(batchId);
    expect(closed.status).toBe(200);
    expect(closed.body.replayed).toBe(false);
    batch1 = closed.body.batch;
    expect(batch1).toMatchObject({
      id: batchId,
      projectId: 'CL-FR',
      vintage: 2025,
      factorSetVersion: '2025-defaults',
      state: 'closed',
      closeSequence: 1,
      previousBatchId: null,
      totals: {
        lineCount: 8,
        discountBp: 500,
        carriedInG: 0,
        grossG: 1_290_962,
        discountG: 64_549,
        netG: 1_226_413,
        credits: 1,
        carriedOutG: 226_413,
      },
      serials: { first: 1, last: 1, block: 'RL-CL-FR-2025-000001-000001' },
    });
    expect(await lastSerial()).toBe('1');
  });

  it('closing again returns the same totals and issues nothing new', async () => {
    const again = await close(batch1.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ batch: batch1, replayed: true });
    expect(await lastSerial()).toBe('1');
  });

  it('a reversal of a line in a closed batch lands as a negative line in the next open batch of the key', async () => {
    const reversal = reversalOf(batch1Laptops[0]);
    const more = [9, 10, 11, 12, 13, 14].map((n) => laptop(n));
    await service.produce([reversal, ...more]);
    const lines = await service.linesEventually([reversal.id, ...more.map((r) => r.id)]);
    const batch2Id = lines[0].batch_id!;
    expect(batch2Id).not.toBe(batch1.id);
    expect(new Set(lines.map((line) => line.batch_id))).toEqual(new Set([batch2Id]));
    expect(lines.find((line) => line.change_id === reversal.id)).toMatchObject({
      kind: 'reversal',
      avoided_g: String(-LAPTOP),
      reverses_change_id: batch1Laptops[0].id,
      project_id: 'CL-FR',
      vintage: 2025,
      factor_set_version: '2025-defaults',
    });
    const unchanged = await service.http<{ lines: { lineCount: number; grossG: number } }>(
      'GET',
      `/v1/batches/${batch1.id}`,
      { role: 'finance' },
    );
    expect(unchanged.body.lines).toEqual({ lineCount: 8, grossG: 1_290_962 });

    const closed = await close(batch2Id);
    batch2 = closed.body.batch;
    expect(batch2).toMatchObject({
      closeSequence: 2,
      previousBatchId: batch1.id,
      totals: {
        lineCount: 7,
        grossG: 889_000,
        discountG: 44_450,
        carriedInG: 226_413,
        netG: 1_070_963,
        credits: 1,
        carriedOutG: 70_963,
      },
      serials: { first: 2, last: 2, block: 'RL-CL-FR-2025-000002-000002' },
    });
  });

  it('racing closes of one batch, and of two batches of the project, never duplicate a serial', async () => {
    const of2024 = [21, 22, 23, 24, 25, 26].map((n) => laptop(n, 2024));
    const of2023 = [31, 32, 33, 34, 35, 36].map((n) => laptop(n, 2023));
    await service.produce([...of2024, ...of2023]);
    const lines = await service.linesEventually([...of2024, ...of2023].map((r) => r.id));
    const idOf = (vintage: number) => lines.find((line) => line.vintage === vintage)!.batch_id!;
    const [a, b] = [idOf(2024), idOf(2023)];

    const responses = await Promise.all([a, b, a, b, a, b].map((id) => close(id)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const id of [a, b]) {
      const forBatch = responses.filter((r) => r.body.batch.id === id).map((r) => r.body);
      expect(forBatch.filter((r) => !r.replayed)).toHaveLength(1);
      expect(new Set(forBatch.map((r) => JSON.stringify(r.batch))).size).toBe(1);
    }
    const [first, second] = [a, b]
      .map((id) => responses.find((r) => r.body.batch.id === id)!.body.batch)
      .sort((x, y) => x.closeSequence! - y.closeSequence!);
    expect(first).toMatchObject({
      closeSequence: 3,
      previousBatchId: batch2.id,
      totals: {
        grossG: 1_066_800,
        discountG: 53_340,
        carriedInG: 70_963,
        netG: 1_084_423,
        credits: 1,
        carriedOutG: 84_423,
      },
      serials: { first: 3, last: 3 },
    });
    expect(second).toMatchObject({
      closeSequence: 4,
      previousBatchId: first.id,
      totals: { carriedInG: 84_423, netG: 1_097_883, credits: 1, carriedOutG: 97_883 },
      serials: { first: 4, last: 4 },
    });
    expect(first.serials!.block).toBe(`RL-CL-FR-${first.vintage}-000003-000003`);
    expect(await lastSerial()).toBe('4');
    const serials = await service.database.query<{ serial_first: string; serial_last: string }>(
      `SELECT serial_first, serial_last FROM issuance.batches WHERE project_id = 'CL-FR' AND serial_first IS NOT NULL ORDER BY serial_first`,
    );
    expect(serials).toEqual(['1', '2', '3', '4'].map((n) => ({ serial_first: n, serial_last: n })));
  });

  it('verify and issue move a closed batch on; anything out of order is 409 BATCH.INVALID_TRANSITION', async () => {
    const open = creditRecord({
      deviceId: device(40),
      category: 'tablet',
      workshopId: 'ws-close-a',
      vintage: 2022,
    });
    await service.produce([open]);
    const [openLine] = await service.linesEventually([open.id]);
    const verification = { verifierName: 'Audit & Co', reportReference: 'VR-2026-001' };

    const verifyOpen = await service.http('POST', `/v1/batches/${openLine.batch_id}/verify`, {
      role: 'verifier',
      body: verification,
    });
    expect(verifyOpen.status).toBe(409);
    expect(verifyOpen.body).toMatchObject({ code: 'BATCH.INVALID_TRANSITION' });
    const issueClosed = await service.http('POST', `/v1/batches/${batch1.id}/issue`, {
      role: 'finance',
      body: { registryReference: 'REG-1' },
    });
    expect(issueClosed.status).toBe(409);
    expect(issueClosed.body).toMatchObject({ code: 'BATCH.INVALID_TRANSITION' });

    const verified = await service.http<Transition>('POST', `/v1/batches/${batch1.id}/verify`, {
      role: 'verifier',
      body: verification,
    });
    expect(verified.status).toBe(200);
    expect(verified.body.batch).toMatchObject({
      state: 'verified',
      verification,
      totals: batch1.totals,
      serials: batch1.serials,
    });
    const verifiedAgain = await service.http<Transition>('POST', `/v1/batches/${batch1.id}/verify`, {
      role: 'verifier',
      body: verification,
    });
    expect(verifiedAgain.body).toEqual({ batch: verified.body.batch, replayed: true });
    const otherVerification = await service.http('POST', `/v1/batches/${batch1.id}/verify`, {
      role: 'verifier',
      body: { verifierName: 'Someone Else', reportReference: 'VR-X' },
    });
    expect(otherVerification.status).toBe(409);

    const issued = await service.http<Transition>('POST', `/v1/batches/${batch1.id}/issue`, {
      role: 'finance',
      body: { registryReference: 'REG-2026-42' },
    });
    expect(issued.status).toBe(200);
    expect(issued.body.batch).toMatchObject({
      state: 'issued',
      issuance: { registryReference: 'REG-2026-42' },
      verification,
    });
    const otherRegistry = await service.http('POST', `/v1/batches/${batch1.id}/issue`, {
      role: 'finance',
      body: { registryReference: 'REG-OTHER' },
    });
    expect(otherRegistry.status).toBe(409);
    expect(otherRegistry.body).toMatchObject({ code: 'BATCH.INVALID_TRANSITION' });
    const closeIssued = await close(batch1.id);
    expect(closeIssued.body).toMatchObject({
      replayed: true,
      batch: { state: 'issued', totals: batch1.totals },
    });

    const missing = await service.http('POST', `/v1/batches/no-such-batch/close`, { role: 'finance' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'ISSUANCE.BATCH_NOT_FOUND' });
    const badBody = await service.http('POST', `/v1/batches/${batch2.id}/verify`, {
      role: 'verifier',
      body: { verifierName: ' ' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body).toMatchObject({ code: 'ISSUANCE.INVALID_REQUEST' });
  });

  it('announces every transition once on credits.batches.v1 with the full totals', async () => {
    const events = await eventually(
      () =>
        Promise.resolve(
          financeTopic
            .map((message) => ({ key: message.key?.toString(), record: financeRecord(message) }))
            .filter(({ record }) => record.data.projectId === 'CL-FR'),
        ),
      (found) => found.length >= 6,
      { what: 'six transitions of CL-FR on the finance topic' },
    );
    // 4 closes (double and racing closes announced nothing more), 1 verification, 1 issuance.
    const ids = events.map(({ record }) => record.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(ids.filter((id) => id.startsWith(`${batch1.id}/`)).sort()).toEqual([
      `${batch1.id}/closed`,
      `${batch1.id}/issued`,
      `${batch1.id}/verified`,
    ]);
    expect(ids.filter((id) => id.endsWith('/closed'))).toHaveLength(4);
    const closedEvent = events.find(({ record }) => record.id === `${batch1.id}/closed`)!;
    expect(closedEvent.key).toBe('CL-FR');
    expect(closedEvent.record).toMatchObject({
      specversion: '1.0',
      type: 'credits.batch.closed',
      subject: batch1.id,
      source: 'refurb-ledger/issuance',
      data: batch1,
    });
    const issuedEvent = events.find(({ record }) => record.id === `${batch1.id}/issued`)!;
    expect(issuedEvent.record).toMatchObject({
      type: 'credits.batch.issued',
      data: { state: 'issued', totals: batch1.totals, serials: batch1.serials },
    });
  });

  it('summarises tonnes and credits by vintage and state', async () => {
    const summary = await service.http<ProjectSummary>('GET', '/v1/projects/CL-FR/summary', {
      role: 'finance',
    });
    expect(summary.status).toBe(200);
    const byVintage = new Map(summary.body.vintages.map((v) => [v.vintage, v]));
    expect(byVintage.get(2025)!.byState.issued).toEqual({
      batches: 1,
      lines: 8,
      grossG: 1_290_962,
      grossTonnes: '1.290962',
      credits: 1,
    });
    expect(byVintage.get(2025)!.byState.closed).toEqual({
      batches: 1,
      lines: 7,
      grossG: 889_000,
      grossTonnes: '0.889000',
      credits: 1,
    });
    // The open 2022 batch: one tablet (BE 74_920 - PE 4_000 = 70_920), no credit yet.
    expect(byVintage.get(2022)!.byState.open).toEqual({
      batches: 1,
      lines: 1,
      grossG: 70_920,
      grossTonnes: '0.070920',
      credits: 0,
    });
    // 1_290_962 + 889_000 + 2 * 1_066_800 + 70_920 = 4_384_482 g; 4 credits
    expect(summary.body.total).toEqual({
      batches: 5,
      lines: 28,
      grossG: 4_384_482,
      grossTonnes: '4.384482',
      credits: 4,
    });
  });

  it('closing while credits stream in freezes exactly the lines counted, and keeps serials and carry contiguous', async () => {
    await service.cli('project', 'upsert', 'CL-RACE', '--company', 'Race Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-close-race', '--name', 'Race', '--project', 'CL-RACE');
    const records = Array.from({ length: 240 }, (_, i) =>
      creditRecord({
        deviceId: imeiOf(23, i),
        category: 'laptop',
        workshopId: 'ws-close-race',
        vintage: 2025,
      }),
    );
    const openBatch = async () =>
      (
        await service.database.query<{ id: string }>(
          `SELECT id FROM issuance.batches WHERE project_id = 'CL-RACE' AND state = 'open'`,
        )
      )[0]?.id;
    for (let chunk = 0; chunk < 12; chunk++) {
      await service.produce(records.slice(chunk * 20, chunk * 20 + 20));
      const id = await openBatch();
      if (id) expect((await close(id)).status).toBe(200);
    }
    await service.linesEventually(records.map((r) => r.id));
    const last = await openBatch();
    if (last) await close(last);

    const miscounted = await service.database.query(
      `SELECT b.id FROM issuance.batches b LEFT JOIN issuance.credit_lines l ON l.batch_id = b.id
       WHERE b.project_id = 'CL-RACE' GROUP BY b.id
       HAVING b.line_count IS DISTINCT FROM count(l.change_id) OR b.gross_g IS DISTINCT FROM coalesce(sum(l.avoided_g), 0)`,
    );
    expect(miscounted).toEqual([]);
    const chain = await service.database.query<{
      close_sequence: number;
      carried_in_g: string;
      carried_out_g: string;
      serial_first: string | null;
      serial_last: string | null;
      line_count: number;
    }>(
      `SELECT close_sequence, carried_in_g, carried_out_g, serial_first, serial_last, line_count FROM issuance.batches
       WHERE project_id = 'CL-RACE' ORDER BY close_sequence`,
    );
    expect(chain.length).toBeGreaterThan(2);
    expect(chain.reduce((sum, batch) => sum + batch.line_count, 0)).toBe(240);
    let lastSerial = 0;
    let carry = '0';
    chain.forEach((batch, index) => {
      expect(batch.close_sequence).toBe(index + 1);
      expect(batch.carried_in_g).toBe(carry);
      carry = batch.carried_out_g;
      if (batch.serial_first !== null) {
        expect(Number(batch.serial_first)).toBe(lastSerial + 1);
        lastSerial = Number(batch.serial_last);
      }
    });
    // 240 laptops: gross 42_672_000; each laptop's discount is exactly 8_890 g (no rounding), so
    // 2_133_600 in all and net 40_538_400 whatever the split into batches: 40 credits, and the
    // carry-over moves the remainders along until the last batch keeps 538_400.
    expect(lastSerial).toBe(40);
    expect(carry).toBe('538400');
  });

  it('the database itself refuses a line in a closed batch and any change to a closed batch', async () => {
    const refusal = async (sql: string, params: unknown[] = []) => {
      try {
        await service.database.query(sql, params);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(
      await refusal(
        `INSERT INTO issuance.credit_lines (change_id, kind, cycle_id, device_id, sequence, category, workshop_id, vintage,
           factor_set_version, avoided_g, emissions, evidence, fingerprint, content_hash, project_id, batch_id, placed_at)
         VALUES ('sneaky', 'credit', 'c', 'd', 1, 'laptop', 'ws-close-a', 2025, '2025-defaults', 1000000, '{}', '{}', 'f', 'h',
                 'CL-FR', $1, now())`,
        [batch2.id],
      ),
    ).toContain('BATCH.CLOSED');
    expect(
      await refusal(`UPDATE issuance.credit_lines SET avoided_g = 1 WHERE batch_id = $1`, [batch2.id]),
    ).toContain('BATCH.LINE_IMMUTABLE');
    expect(await refusal(`DELETE FROM issuance.credit_lines WHERE batch_id = $1`, [batch2.id])).toContain(
      'BATCH.LINE_IMMUTABLE',
    );
    expect(
      await refusal(`UPDATE issuance.batches SET credits = 2, net_g = net_g + 1000000 WHERE id = $1`, [
        batch2.id,
      ]),
    ).toContain('BATCH.IMMUTABLE');
    expect(
      await refusal(`UPDATE issuance.batches SET state = 'open', closed_at = NULL WHERE id = $1`, [
        batch2.id,
      ]),
    ).toContain('BATCH.INVALID_TRANSITION');
    expect(
      await refusal(
        `INSERT INTO issuance.batches (id, project_id, vintage, factor_set_version) VALUES ('second-open', 'CL-FR', 2022, '2025-defaults')`,
      ),
    ).toContain('batches_one_open_per_key');
  });
});

/** What a finance system reads: every record on the topic must be a valid transition. */
function financeRecord(message: KafkaMessage): BatchTransitionRecord {
  const read = readTopicMessage(TOPICS.batches, message);
  if (!read.ok) throw new Error(`not a batch transition: ${JSON.stringify(read.problem)}`);
  return read.message;
}
