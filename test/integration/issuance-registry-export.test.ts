import { REGISTRY_UNITS_SCHEMA_FILE, RegistryUnitsExport } from '@refurb/issuance';
import { creditRecord, imeiOf, reversalOf } from '@refurb/issuance/testing/credit-records.fixture';
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

// 9 laptops of 2025 and the reversal of one, all in one batch (docs/methodology.md#batch-close, 500 bp):
//   credit lines 9 * 177_800 = 1_600_200; reversal -177_800; gross 1_422_400
//   discount = 71_120; net = 1_351_280; 1 credit (serial 1), carried out 351_280
const laptop = (n: number) =>
  creditRecord({ deviceId: imeiOf(45, n), category: 'laptop', workshopId: 'ws-registry', vintage: 2025 });

describe('registry export of a batch (CADT unit records, JSON and CSV)', () => {
  let service: IssuanceTestApp;
  let batchId: string;
  const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(
    JSON.parse(readFileSync(REGISTRY_UNITS_SCHEMA_FILE, 'utf8')) as object,
  );
  const units = () =>
    service.http<RegistryUnitsExport>('GET', `/v1/batches/${batchId}/registry-units`, { role: 'finance' });

  beforeAll(async () => {
    service = await IssuanceTestApp.start('registry');
    await service.cli('project', 'upsert', 'RG-FR', '--company', 'Registry Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-registry', '--name', 'Registry', '--project', 'RG-FR');
    const credits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(laptop);
    await service.produce(credits);
    batchId = (await service.linesEventually(credits.map((r) => r.id)))[0].batch_id!;
    const reversal = reversalOf(credits[0]);
    await service.produce([reversal]);
    const [placed] = await service.linesEventually([reversal.id]);
    expect(placed.batch_id).toBe(batchId);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('has no units while the batch is open', async () => {
    const open = await units();
    expect([open.status, (open.body as unknown as { code: string }).code]).toEqual([409, 'BATCH.NOT_CLOSED']);
  });

  it('exports the closed batch: the reversal netted as the close did, valid against the committed schema', async () => {
    await service.http('POST', `/v1/batches/${batchId}/close`, { role: 'finance' });
    const closed = await units();
    expect(closed.status).toBe(200);
    expect(validate(closed.body)).toBe(true);
    expect(closed.body.closeArithmetic).toEqual({
      creditLines: 9,
      creditG: 1_600_200,
      reversalLines: 1,
      reversalG: -177_800,
      grossG: 1_422_400,
      discountBp: 500,
      discountG: 71_120,
      carriedInG: 0,
      netG: 1_351_280,
      credits: 1,
      carriedOutG: 351_280,
    });
    expect(closed.body.units).toEqual([
      expect.objectContaining({
        unitBlockStart: 'RL-RG-FR-2025-000001',
        unitBlockEnd: 'RL-RG-FR-2025-000001',
        unitCount: 1,
        vintageYear: 2025,
        unitStatus: 'Inactive',
        unitOwner: 'Registry Test',
        countryJurisdictionOfOwner: 'France',
        issuanceId: batchId,
      }),
    ]);
  });

  it('shows the units held once the registry issued them, in JSON and as the same CSV both ways', async () => {
    await service.http('POST', `/v1/batches/${batchId}/verify`, {
      role: 'verifier',
      body: { verifierName: 'Veritas', reportReference: 'R-RG-1' },
    });
    await service.http('POST', `/v1/batches/${batchId}/issue`, {
      role: 'finance',
      body: { registryReference: 'REG-RG-1' },
    });
    const issued = await units();
    expect(validate(issued.body)).toBe(true);
    expect(issued.body.units[0]).toMatchObject({
      unitStatus: 'Held',
      unitStatusReason: null,
      unitRegistryReference: 'REG-RG-1',
      issuance: { verificationBody: 'Veritas', verificationReportReference: 'R-RG-1' },
    });

    const csv = await service.http<string>('GET', `/v1/batches/${batchId}/registry-units.csv`, {
      role: 'verifier',
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`${batchId}-registry-units.csv`);
    const [header, row, end] = csv.text.split('\r\n');
    expect(end).toBe('');
    const cells = Object.fromEntries(header.split(',').map((column, i) => [column, row.split(',')[i]]));
    expect(cells).toMatchObject({
      unitBlockStart: 'RL-RG-FR-2025-000001',
      unitCount: '1',
      unitStatus: 'Held',
    });
    const byQuery = await service.http<string>('GET', `/v1/batches/${batchId}/registry-units?format=csv`, {
      role: 'finance',
    });
    expect(byQuery.text).toBe(csv.text);
    const unknownFormat = await service.http('GET', `/v1/batches/${batchId}/registry-units?format=xml`, {
      role: 'finance',
    });
    expect(unknownFormat.status).toBe(400);
  });
});
