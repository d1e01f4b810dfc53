import { BatchSnapshot } from '@refurb/contracts';
import { BatchLineView, parseEvidenceCsv, sampleKey } from '@refurb/issuance';
import { creditRecord, imeiOf, reversalOf } from '@refurb/issuance/testing/credit-records.fixture';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

const VERIFIER_SCRIPT = resolve(__dirname, '../../apps/issuance/verifier/recompute-batch-from-csv.mjs');
const device = (n: number) => imeiOf(44, n);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type LineView = BatchLineView;

interface SampleView {
  batchId: string;
  seed: string;
  size: number;
  strata: { kind: string; population: number; drawn: number }[];
  lines: LineView[];
}

/**
 * The verifier workspace's routes on one closed batch of 24 credits and 6 reversals: the evidence
 * digest frozen at close, the lines page, the reproducible sample, and the drill-down without a tracker.
 */
describe('issuance: evidence digest, lines, sample', () => {
  let service: IssuanceTestApp;
  let batch: BatchSnapshot;
  let workDir: string;
  const credits = Array.from({ length: 24 }, (_, i) =>
    creditRecord({
      deviceId: device(i + 1),
      category: i % 3 === 0 ? 'laptop' : 'smartphone',
      workshopId: 'ws-verifier-a',
      vintage: 2025,
      partsReplaced: i % 4 === 0 ? ['battery'] : [],
    }),
  );
  const reversals = credits.slice(0, 6).map(reversalOf);
  const allIds = [...credits, ...reversals].map((record) => record.id);

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'issuance-verifier-'));
    service = await IssuanceTestApp.start('verifier_lines');
    await service.cli('project', 'upsert', 'VL-FR', '--company', 'Verifier Lines', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-verifier-a', '--name', 'Verifier A', '--project', 'VL-FR');
    await service.produce([...credits, ...reversals]);
    const [line] = await service.linesEventually(allIds);
    const closed = await service.http<{ batch: BatchSnapshot }>(
      'POST',
      `/v1/batches/${line.batch_id}/close`,
      {
        role: 'finance',
      },
    );
    expect(closed.status).toBe(200);
    batch = closed.body.batch;
  });

  afterAll(async () => {
    await service?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  const download = () =>
    service.http<string>('GET', `/v1/batches/${batch.id}/evidence.csv`, { role: 'verifier' });

  it('freezes the SHA-256 of the evidence CSV at close; every later download has those bytes', async () => {
    const view = await service.http<{ evidenceSha256: string | null }>('GET', `/v1/batches/${batch.id}`, {
      role: 'verifier',
    });
    expect(view.body.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
    const listed = await service.http<{ id: string; evidenceSha256: string | null }[]>(
      'GET',
      '/v1/batches?project=VL-FR',
      { role: 'finance' },
    );
    expect(listed.body.find((b) => b.id === batch.id)?.evidenceSha256).toBe(view.body.evidenceSha256);

    const first = await download();
    expect(first.status).toBe(200);
    expect(sha256(first.text)).toBe(view.body.evidenceSha256);
    expect(first.headers.get('refurb-evidence-sha256')).toBe(view.body.evidenceSha256);
    expect(parseEvidenceCsv(first.text).metadata.state).toBe('closed');

    const verified = await service.http('POST', `/v1/batches/${batch.id}/verify`, {
      role: 'verifier',
      body: { verifierName: 'Audit Co', reportReference: 'VR-1' },
    });
    expect(verified.status).toBe(200);
    const afterVerify = await download();
    const issued = await service.http('POST', `/v1/batches/${batch.id}/issue`, {
      role: 'finance',
      body: { registryReference: 'REG-1' },
    });
    expect(issued.status).toBe(200);
    const afterIssue = await download();
    expect(afterVerify.text).toBe(first.text);
    expect(afterIssue.text).toBe(first.text);
    expect(afterIssue.headers.get('refurb-evidence-sha256')).toBe(view.body.evidenceSha256);

    // The verifier's script still reproduces the totals from the frozen file.
    const file = join(workDir, 'batch.csv');
    await writeFile(file, afterIssue.text);
    const { stdout } = await promisify(execFile)(process.execPath, [VERIFIER_SCRIPT, file, '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ matches: true });

    // The recorded digest is guarded as the frozen totals are.
    await expect(
      service.database.query(`UPDATE issuance.batches SET evidence_sha256 = $2 WHERE id = $1`, [
        batch.id,
        'f'.repeat(64),
      ]),
    ).rejects.toThrow('BATCH.IMMUTABLE');
  });

  it('sends no digest for an open batch', async () => {
    const more = creditRecord({
      deviceId: device(90),
      category: 'laptop',
      workshopId: 'ws-verifier-a',
      vintage: 2025,
    });
    await service.produce([more]);
    const [line] = await service.linesEventually([more.id]);
    const view = await service.http<{ evidenceSha256: string | null }>(
      'GET',
      `/v1/batches/${line.batch_id}`,
      {
        role: 'finance',
      },
    );
    expect(view.body.evidenceSha256).toBeNull();
    const csv = await service.http<string>('GET', `/v1/batches/${line.batch_id}/evidence.csv`, {
      role: 'finance',
    });
    expect(csv.headers.get('refurb-evidence-sha256')).toBeNull();
    expect(parseEvidenceCsv(csv.text).metadata.state).toBe('open');
  });

  it("pages the batch's lines in the evidence CSV's order, with the total", async () => {
    const rows = parseEvidenceCsv((await download()).text).rows;
    const pages: LineView[] = [];
    for (let offset = 0; offset < 30; offset += 7) {
      const page = await service.http<{ lines: LineView[]; total: number }>(
        'GET',
        `/v1/batches/${batch.id}/lines?limit=7&offset=${offset}`,
        { role: 'verifier' },
      );
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(30);
      pages.push(...page.body.lines);
    }
    expect(pages.map((line) => line.changeId)).toEqual(rows.map((row) => row.change_id));
    const reversal = pages.find((line) => line.changeId === reversals[0].id);
    expect(reversal).toEqual({
      changeId: reversals[0].id,
      kind: 'reversal',
      reversesChangeId: credits[0].id,
      deviceId: device(1),
      cycleId: credits[0].data.cycleId,
      category: 'laptop',
      workshopId: 'ws-verifier-a',
      vintage: 2025,
      lineAvoidedG: -credits[0].data.emissions.avoidedG,
      fingerprint: reversals[0].data.fingerprint,
    });
    const bad = await service.http<{ code: string }>('GET', `/v1/batches/${batch.id}/lines?limit=0`, {
      role: 'verifier',
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'ISSUANCE.INVALID_REQUEST']);
    const missing = await service.http<{ code: string }>('GET', `/v1/batches/nope/lines`, {
      role: 'verifier',
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'ISSUANCE.BATCH_NOT_FOUND']);
  });

  it('draws the same stratified sample from the same seed, another from another seed', async () => {
    const sample = (seed: string, size: number) =>
      service.http<SampleView>('GET', `/v1/batches/${batch.id}/sample?seed=${seed}&size=${size}`, {
        role: 'verifier',
      });
    const first = await sample('audit-2026.Q1', 10);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ batchId: batch.id, seed: 'audit-2026.Q1', size: 10 });
    // 24 credits and 6 reversals: 8 and 2.
    expect(first.body.strata).toEqual([
      { kind: 'credit', population: 24, drawn: 8 },
      { kind: 'reversal', population: 6, drawn: 2 },
    ]);
    expect(first.body.lines.map((line) => line.kind)).toEqual([
      ...Array(8).fill('credit'),
      'reversal',
      'reversal',
    ]);
    const creditKeys = first.body.lines
      .filter((line) => line.kind === 'credit')
      .map((line) => sampleKey('audit-2026.Q1', line.changeId));
    expect(creditKeys).toEqual([...creditKeys].sort());

    const again = await sample('audit-2026.Q1', 10);
    expect(again.body).toEqual(first.body);
    const other = await sample('another-seed', 10);
    expect(other.body.lines.map((l) => l.changeId)).not.toEqual(first.body.lines.map((l) => l.changeId));

    const all = await sample('x', 1000);
    expect(all.body.lines).toHaveLength(30);
    expect(all.body.strata).toEqual([
      { kind: 'credit', population: 24, drawn: 24 },
      { kind: 'reversal', population: 6, drawn: 6 },
    ]);
  });

  it('serves the sample as evidence-CSV rows under a preamble, as an attachment', async () => {
    const json = await service.http<SampleView>('GET', `/v1/batches/${batch.id}/sample?seed=s1&size=5`, {
      role: 'finance',
    });
    const csv = await service.http<string>(
      'GET',
      `/v1/batches/${batch.id}/sample?seed=s1&size=5&format=csv`,
      {
        role: 'finance',
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const { metadata, rows } = parseEvidenceCsv(csv.text);
    expect(metadata).toMatchObject({
      format: 'refurb-ledger/evidence-sample/1',
      batch_id: batch.id,
      seed: 's1',
      size: '5',
      strata: 'credit=4/24 reversal=1/6',
    });
    expect(rows.map((row) => row.change_id)).toEqual(json.body.lines.map((line) => line.changeId));
    const full = parseEvidenceCsv((await download()).text).rows;
    expect(rows).toEqual(rows.map((row) => full.find((f) => f.change_id === row.change_id)));
  });

  it.each([
    ['seed=&size=5'],
    ['seed=has%20space&size=5'],
    [`seed=${'a'.repeat(65)}&size=5`],
    ['seed=ok&size=0'],
    ['seed=ok&size=1001'],
    ['seed=ok&size=1.5'],
    ['size=5'],
    ['seed=ok'],
    ['seed=ok&size=5&format=xml'],
  ])('refuses ?%s with 400 ISSUANCE.INVALID_REQUEST', async (query) => {
    const response = await service.http<{ code: string }>('GET', `/v1/batches/${batch.id}/sample?${query}`, {
      role: 'verifier',
    });
    expect([response.status, response.body.code]).toEqual([400, 'ISSUANCE.INVALID_REQUEST']);
  });

  it("answers a line's drill-down 503 without a tracker key, 404 for a line not in the batch", async () => {
    const evidence = (changeId: string) =>
      service.http<{ code: string }>(
        'GET',
        `/v1/batches/${batch.id}/lines/${encodeURIComponent(changeId)}/evidence`,
        { role: 'verifier' },
      );
    const unconfigured = await evidence(credits[3].id);
    expect([unconfigured.status, unconfigured.body.code]).toEqual([503, 'ISSUANCE.TRACKER_NOT_CONFIGURED']);
    const notInBatch = await evidence('imei:000/none/credit/1');
    expect([notInBatch.status, notInBatch.body.code]).toEqual([404, 'ISSUANCE.LINE_NOT_FOUND']);
  });
});
