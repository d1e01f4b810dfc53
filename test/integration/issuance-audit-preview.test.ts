import { parseApiKey } from '@refurb/auth';
import { BatchSnapshot } from '@refurb/contracts';
import { creditRecord, imeiOf } from '@refurb/issuance/testing/credit-records.fixture';
import { userInfo } from 'node:os';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

// 7 laptops of 2025 (docs/methodology.md#batch-close, discount 500 bp, nothing carried in):
//   gross = 7 * 177_800 = 1_244_600; discount = 62_230; net = 1_182_370; 1 credit, carried out 182_370
// 6 laptops of 2026, closed second: gross 1_066_800, discount 53_340, net 1_013_460 + 182_370 = 1_195_830
//   1 credit (serial 2), carried out 195_830
const laptop = (n: number, vintage: number) =>
  creditRecord({ deviceId: imeiOf(44, n), category: 'laptop', workshopId: 'ws-audit', vintage });

interface HistoryEntry {
  action: string;
  state: string;
  actor: string;
  at: string;
}

describe('batch audit trail and close preview', () => {
  let service: IssuanceTestApp;
  let batch2025: string;
  let batch2026: string;

  const keyIdOf = async (role: 'finance' | 'verifier') => parseApiKey(await service.keyOf(role))!.keyId;

  beforeAll(async () => {
    service = await IssuanceTestApp.start('audit');
    await service.cli('project', 'upsert', 'AU-FR', '--company', 'Audit Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-audit', '--name', 'Audit', '--project', 'AU-FR');
    const records2025 = [1, 2, 3, 4, 5, 6, 7].map((n) => laptop(n, 2025));
    const records2026 = [8, 9, 10, 11, 12, 13].map((n) => laptop(n, 2026));
    await service.produce([...records2025, ...records2026]);
    batch2025 = (await service.linesEventually(records2025.map((r) => r.id)))[0].batch_id!;
    batch2026 = (await service.linesEventually(records2026.map((r) => r.id)))[0].batch_id!;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('previews a later vintage with a warning naming the open earlier batch, and writes nothing', async () => {
    const preview = await service.http<{ warnings: { code: string; batchIds: string[] }[] }>(
      'GET',
      `/v1/batches/${batch2026}/close-preview`,
      { role: 'finance' },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.warnings).toEqual([
      expect.objectContaining({ code: 'BATCH.EARLIER_VINTAGE_OPEN', batchIds: [batch2025] }),
    ]);
    const still = await service.http<BatchSnapshot>('GET', `/v1/batches/${batch2026}`, { role: 'finance' });
    expect(still.body.state).toBe('open');
  });

  it('previews exactly what the close then freezes, and the close records its key', async () => {
    const preview = await service.http('GET', `/v1/batches/${batch2025}/close-preview`, { role: 'finance' });
    expect(preview.body).toEqual({
      batchId: batch2025,
      closeSequence: 1,
      previousBatchId: null,
      totals: {
        lineCount: 7,
        discountBp: 500,
        carriedInG: 0,
        grossG: 1_244_600,
        discountG: 62_230,
        netG: 1_182_370,
        credits: 1,
        carriedOutG: 182_370,
      },
      serials: { first: 1, last: 1, block: 'RL-AU-FR-2025-000001-000001' },
      warnings: [],
    });

    const closed = await service.http<{ batch: BatchSnapshot }>('POST', `/v1/batches/${batch2025}/close`, {
      role: 'finance',
    });
    const { totals, serials, closeSequence, previousBatchId } = closed.body.batch;
    expect({ totals, serials, closeSequence, previousBatchId }).toEqual({
      totals: (preview.body as { totals: unknown }).totals,
      serials: (preview.body as { serials: unknown }).serials,
      closeSequence: 1,
      previousBatchId: null,
    });

    const next = await service.http('GET', `/v1/batches/${batch2026}/close-preview`, { role: 'finance' });
    expect(next.body).toMatchObject({
      closeSequence: 2,
      previousBatchId: batch2025,
      totals: { carriedInG: 182_370, netG: 1_195_830, credits: 1, carriedOutG: 195_830 },
      serials: { first: 2, last: 2, block: 'RL-AU-FR-2026-000002-000002' },
      warnings: [],
    });
  });

  it('refuses to preview a batch that is not open, or does not exist', async () => {
    const closed = await service.http<{ code: string }>('GET', `/v1/batches/${batch2025}/close-preview`, {
      role: 'finance',
    });
    expect([closed.status, closed.body.code]).toEqual([409, 'BATCH.INVALID_TRANSITION']);
    const unknown = await service.http('GET', '/v1/batches/AU-FR-1999-0/close-preview', { role: 'finance' });
    expect(unknown.status).toBe(404);
  });

  it('lists who closed, verified and issued, from the API and the CLI, and not the replays', async () => {
    await service.cli('batch', 'verify', batch2025, '--verifier', 'Veritas', '--report', 'R-1');
    const issue = () =>
      service.http('POST', `/v1/batches/${batch2025}/issue`, {
        role: 'finance',
        body: { registryReference: 'REG-AU-1' },
      });
    expect((await issue()).status).toBe(200);
    expect((await issue()).status).toBe(200);
    await service.http('POST', `/v1/batches/${batch2025}/close`, { role: 'finance' });

    for (const role of ['finance', 'verifier', 'admin'] as const) {
      const history = await service.http<HistoryEntry[]>('GET', `/v1/batches/${batch2025}/history`, { role });
      expect(history.status).toBe(200);
      expect(history.body.map(({ action, state, actor }) => ({ action, state, actor }))).toEqual([
        { action: 'close', state: 'closed', actor: `key:${await keyIdOf('finance')}` },
        { action: 'verify', state: 'verified', actor: `cli:${userInfo().username}` },
        { action: 'issue', state: 'issued', actor: `key:${await keyIdOf('finance')}` },
      ]);
      const times = history.body.map((entry) => Date.parse(entry.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const fromCli = await service.cli('batch', 'history', batch2025);
    expect((fromCli.output as HistoryEntry[]).map((entry) => entry.action)).toEqual([
      'close',
      'verify',
      'issue',
    ]);
    const preview = await service.cli('batch', 'preview', batch2026);
    expect(preview.output).toMatchObject({ batchId: batch2026, closeSequence: 2, warnings: [] });
    const open = await service.http('GET', `/v1/batches/${batch2026}/history`, { role: 'verifier' });
    expect(open.body).toEqual([]);
    const unknown = await service.http('GET', '/v1/batches/AU-FR-1999-0/history', { role: 'verifier' });
    expect(unknown.status).toBe(404);
  });

  it.each([
    ['UPDATE', `UPDATE issuance.batch_history SET actor = 'key:someone-else'`],
    ['DELETE', `DELETE FROM issuance.batch_history`],
    ['TRUNCATE', `TRUNCATE issuance.batch_history`],
  ])('keeps the trail append-only: %s is refused by the database', async (_, statement) => {
    await expect(service.database.query(statement)).rejects.toMatchObject({
      code: '23000',
      message: expect.stringContaining('BATCH.HISTORY_APPEND_ONLY'),
    });
    const rows = await service.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM issuance.batch_history`,
    );
    expect(rows[0].n).toBe(3);
  });
});
