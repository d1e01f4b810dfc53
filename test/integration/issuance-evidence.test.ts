import { DEFAULT_FACTOR_SET, FactorSet } from '@refurb/emissions';
import { BatchSnapshot } from '@refurb/contracts';
import { parseEvidenceCsv } from '@refurb/issuance';
import { creditRecord, imeiOf, reversalOf } from '@refurb/issuance/testing/credit-records.fixture';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { BatchEvidenceLines } from '../../apps/issuance/src/evidence/batch-evidence-lines.query';
import { RecomputeReport } from '../../apps/issuance/src/evidence/recompute-batch.handler';
import { IssuanceException } from '../../apps/issuance/src/issuance.exception';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

const VERIFIER_SCRIPT = resolve(__dirname, '../../apps/issuance/verifier/recompute-batch-from-csv.mjs');

// Hand-computed (docs/methodology.md, 2025-defaults, discount 500 bp):
//   laptop 177_800; smartphone with battery and 450 km road 46_362;
//   tablet with a screen and 120 km by rail: BE 74_920, transport ceil(480*120*30/1e6) = ceil(1.728) = 2,
//     PE 4_000 + 12_000 + 2 = 16_002, avoided 58_918
// Batch: 7 laptops + phone + tablet - 1 laptop reversed = 1_244_600 + 46_362 + 58_918 - 177_800 = 1_172_080
//   discount ceil(58_604) = 58_604; net 1_113_476; 1 credit; carried out 113_476
const EXPECTED_TOTALS = {
  grossG: 1_172_080,
  discountG: 58_604,
  netG: 1_113_476,
  credits: 1,
  carriedOutG: 113_476,
};

const device = (n: number) => imeiOf(33, n);

describe('evidence CSV, the verifier script and recomputation', () => {
  let service: IssuanceTestApp;
  let batch: BatchSnapshot;
  let csv: string;
  let workDir: string;
  const laptops = [1, 2, 3, 4, 5, 6, 7].map((n) =>
    creditRecord({ deviceId: device(n), category: 'laptop', workshopId: 'ws-evidence-a', vintage: 2025 }),
  );
  const phone = creditRecord({
    deviceId: device(8),
    category: 'smartphone',
    workshopId: 'ws-evidence-a',
    vintage: 2025,
    partsReplaced: ['battery'],
    legs: [{ distanceKm: 450, mode: 'road' }],
  });
  const tablet = creditRecord({
    deviceId: device(9),
    category: 'tablet',
    workshopId: 'ws-evidence-a',
    vintage: 2025,
    partsReplaced: ['screen'],
    legs: [{ distanceKm: 120, mode: 'rail' }],
  });
  const reversal = reversalOf(laptops[0]);

  const runScript = async (file: string) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [VERIFIER_SCRIPT, file, '--json']);
      return {
        exitCode: 0,
        report: JSON.parse(stdout) as {
          totals: Record<string, number>;
          matches: boolean;
          differences: string[];
        },
      };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return {
        exitCode: failed.code,
        report: JSON.parse(failed.stdout) as {
          totals: Record<string, number>;
          matches: boolean;
          differences: string[];
        },
      };
    }
  };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'issuance-evidence-'));
    service = await IssuanceTestApp.start('evidence');
    await service.cli('project', 'upsert', 'EV-FR', '--company', 'Evidence Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-evidence-a', '--name', 'Evidence A', '--project', 'EV-FR');
    const records = [...laptops, phone, tablet, reversal];
    await service.produce(records);
    const [line] = await service.linesEventually(records.map((r) => r.id));
    const closed = await service.http<{ batch: BatchSnapshot }>(
      'POST',
      `/v1/batches/${line.batch_id}/close`,
      { role: 'finance' },
    );
    batch = closed.body.batch;
  });

  afterAll(async () => {
    await service?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('closes the batch to the hand-computed totals', () => {
    expect(batch.totals).toMatchObject({ ...EXPECTED_TOTALS, lineCount: 10, discountBp: 500, carriedInG: 0 });
    expect(batch.serials?.block).toBe('RL-EV-FR-2025-000001-000001');
  });

  it('serves one CSV row per line with its evidence events, emissions components and signed figure', async () => {
    const response = await service.http<string>('GET', `/v1/batches/${batch.id}/evidence.csv`, {
      role: 'verifier',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    csv = response.text;
    const { metadata, rows } = parseEvidenceCsv(csv);
    expect(metadata).toMatchObject({
      batch_id: batch.id,
      project_id: 'EV-FR',
      vintage: '2025',
      factor_set_version: '2025-defaults',
      state: 'closed',
      discount_bp: '500',
      carried_in_g: '0',
      serial_block: 'RL-EV-FR-2025-000001-000001',
      line_count: '10',
      gross_g: '1172080',
      discount_g: '58604',
      net_g: '1113476',
      credits: '1',
      carried_out_g: '113476',
    });
    expect(rows).toHaveLength(10);
    const byId = new Map(rows.map((row) => [row.change_id, row]));
    expect(byId.get(phone.id)).toMatchObject({
      kind: 'credit',
      device_id: device(8),
      cycle_id: phone.data.cycleId,
      category: 'smartphone',
      factor_set_version: '2025-defaults',
      baseline_g: '51180',
      light_refurbishment_g: '2800',
      parts_g: '2000',
      transport_g: '18',
      project_g: '4818',
      cycle_avoided_g: '46362',
      line_avoided_g: '46362',
    });
    expect(JSON.parse(byId.get(phone.id)!.evidence_events)).toEqual(phone.data.evidence.evidenceEvents);
    expect(byId.get(tablet.id)).toMatchObject({
      transport_g: '2',
      parts_g: '12000',
      cycle_avoided_g: '58918',
    });
    expect(byId.get(reversal.id)).toMatchObject({
      kind: 'reversal',
      reverses_change_id: laptops[0].id,
      cycle_avoided_g: '177800',
      line_avoided_g: '-177800',
    });
    expect(rows.reduce((sum, row) => sum + Number(row.line_avoided_g), 0)).toBe(EXPECTED_TOTALS.grossG);
  });

  it('reads a batch page by page in change id order', async () => {
    const dataSource = service.app.get(DataSource);
    const pages: string[][] = [];
    for await (const page of service.app.get(BatchEvidenceLines).pagesOf(dataSource.manager, batch.id, 3)) {
      pages.push(page.map((line) => line.changeId));
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    const ids = (
      await service.database.query<{ change_id: string }>(
        `SELECT change_id FROM issuance.credit_lines WHERE batch_id = $1 ORDER BY change_id`,
        [batch.id],
      )
    ).map((row) => row.change_id);
    expect(pages.flat()).toEqual(ids);
  });

  it("the verifier script reproduces the API's totals from the CSV alone, and notices a changed figure", async () => {
    const file = join(workDir, 'batch.csv');
    await writeFile(file, csv);
    const { exitCode, report } = await runScript(file);
    expect(exitCode).toBe(0);
    expect(report.matches).toBe(true);
    expect(report.totals).toEqual({
      gross_g: batch.totals!.grossG,
      discount_g: batch.totals!.discountG,
      net_g: batch.totals!.netG,
      credits: batch.totals!.credits,
      carried_out_g: batch.totals!.carriedOutG,
    });

    const tampered = join(workDir, 'tampered.csv');
    await writeFile(tampered, csv.replace(',58918,58918,', ',68918,68918,'));
    const changed = await runScript(tampered);
    expect(changed.exitCode).toBe(1);
    expect(changed.report.matches).toBe(false);
    expect(
      changed.report.differences.some((d) =>
        d.startsWith(`${tablet.id}: cycle_avoided_g is 68918, recomputed 58918`),
      ),
    ).toBe(true);
  });

  it('recompute finds every line and total reproduced from the stored evidence', async () => {
    const { output, exitCode } = await service.cli('recompute', batch.id);
    const report = output as RecomputeReport;
    expect(exitCode).toBe(0);
    expect(report).toMatchObject({
      batchId: batch.id,
      lineCount: 10,
      matches: true,
      differenceCount: 0,
      differences: [],
    });
    expect(report.totals).toEqual({
      frozen: EXPECTED_TOTALS,
      fromStoredLines: EXPECTED_TOTALS,
      fromEvidence: EXPECTED_TOTALS,
    });
  });

  it('recompute reads a factor set from tracker.factor_sets when the tracker shares the database', async () => {
    // new_g 60_000: BE = floor((9000*60000 + 1000*2800)/10000) + 500 = 54_780; PE 2_800; avoided 51_980
    const custom: FactorSet = {
      ...DEFAULT_FACTOR_SET,
      version: 'ev-custom-1',
      categories: {
        ...DEFAULT_FACTOR_SET.categories,
        smartphone: { ...DEFAULT_FACTOR_SET.categories.smartphone, newG: 60_000 },
      },
    };
    await service.database.query(`CREATE SCHEMA IF NOT EXISTS tracker`);
    await service.database.query(
      `CREATE TABLE tracker.factor_sets (version text PRIMARY KEY, factors jsonb NOT NULL)`,
    );
    await service.database.query(`INSERT INTO tracker.factor_sets VALUES ($1, $2)`, [
      custom.version,
      JSON.stringify(custom),
    ]);
    const credit = creditRecord({
      deviceId: device(20),
      category: 'smartphone',
      workshopId: 'ws-evidence-a',
      vintage: 2025,
      factors: custom,
    });
    const unknown = creditRecord({
      deviceId: device(21),
      category: 'smartphone',
      workshopId: 'ws-evidence-a',
      vintage: 2025,
      factors: { ...custom, version: 'ev-nowhere' },
    });
    await service.produce([credit, unknown]);
    const [customLine] = await service.linesEventually([credit.id]);
    expect(customLine.avoided_g).toBe('51980');
    // A factor set issuance cannot read makes a figure it cannot check: never a line.
    await service.caughtUp();
    expect(await service.lines([unknown.id])).toEqual([]);

    const { output, exitCode } = await service.cli('recompute', customLine.batch_id!);
    expect(exitCode).toBe(0);
    expect(output).toMatchObject({ lineCount: 1, matches: true, totals: null });
    // Once the factor set is gone (the tracker's database moved away), nothing can be recomputed.
    await service.database.query(`DELETE FROM tracker.factor_sets WHERE version = $1`, [custom.version]);
    await expect(service.cli('recompute', customLine.batch_id!)).rejects.toMatchObject({
      code: 'ISSUANCE.FACTOR_SET_NOT_FOUND',
    } satisfies Partial<IssuanceException>);
  });

  it('recompute detects a line changed behind the ledger’s back', async () => {
    const target = laptops[1].id;
    // Only someone switching the guard trigger off can change a line of a closed batch.
    await service.database.query(`ALTER TABLE issuance.credit_lines DISABLE TRIGGER credit_lines_guard`);
    await service.database.query(
      `UPDATE issuance.credit_lines SET avoided_g = 180000, emissions = jsonb_set(emissions, '{avoidedG}', '180000')
       WHERE change_id = $1`,
      [target],
    );
    await service.database.query(`ALTER TABLE issuance.credit_lines ENABLE TRIGGER credit_lines_guard`);

    const { output, exitCode } = await service.cli('recompute', batch.id);
    const report = output as RecomputeReport;
    expect(exitCode).toBe(3);
    expect(report.matches).toBe(false);
    expect(report.differences).toEqual([
      { changeId: target, field: 'avoidedG', stored: 180_000, recomputed: 177_800 },
      { changeId: target, field: 'signedAvoidedG', stored: 180_000, recomputed: 177_800 },
    ]);
    // The frozen totals still match the evidence; the stored lines no longer add up to them.
    expect(report.totals?.fromEvidence).toEqual(EXPECTED_TOTALS);
    expect(report.totals?.fromStoredLines.grossG).toBe(EXPECTED_TOTALS.grossG + 2_200);
  });
});
