import { BatchSnapshot } from '@refurb/contracts';
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { parseCsv } from './csv';
import { registryUnitsCsv, toRegistryUnits } from './registry-units';
import {
  REGISTRY_UNITS_SCHEMA_FILE,
  registryUnitsExportSchema,
  registryUnitsSchemaFileContent,
} from './registry-units-schema';

const issued: BatchSnapshot = {
  id: 'RU-FR-2025-3',
  projectId: 'RU-FR',
  vintage: 2025,
  factorSetVersion: '2025-defaults',
  state: 'issued',
  openedAt: '2026-01-02T00:00:00.000Z',
  closedAt: '2026-02-01T00:00:00.000Z',
  closeSequence: 1,
  previousBatchId: null,
  totals: {
    lineCount: 9,
    discountBp: 500,
    carriedInG: 0,
    grossG: 1_244_600,
    discountG: 62_230,
    netG: 1_182_370,
    credits: 1,
    carriedOutG: 182_370,
  },
  serials: { first: 1, last: 1, block: 'RL-RU-FR-2025-000001-000001' },
  verification: { verifiedAt: '2026-02-03T10:00:00.000Z', verifierName: 'Veritas', reportReference: 'R-1' },
  issuance: { issuedAt: '2026-02-04T10:00:00.000Z', registryReference: 'REG-1' },
};
const project = { id: 'RU-FR', company: 'Registry Test', country: 'FR' };
const lines = { creditLines: 8, creditG: 1_422_400, reversalLines: 1, reversalG: -177_800 };

describe('registry units (CADT unit record shape)', () => {
  const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(
    registryUnitsExportSchema(),
  );

  it('keeps the committed schema file in step with the schema in code', () => {
    // On failure: npx ts-node --project tsconfig.json --transpile-only libs/issuance/src/write-registry-units-schema.ts
    expect(readFileSync(REGISTRY_UNITS_SCHEMA_FILE, 'utf8')).toBe(registryUnitsSchemaFileContent());
  });

  it('exports an issued batch as one held unit block that the schema accepts', () => {
    const exported = toRegistryUnits(issued, project, lines);
    expect(validate(exported)).toBe(true);
    expect(exported.units).toEqual([
      expect.objectContaining({
        unitBlockStart: 'RL-RU-FR-2025-000001',
        unitBlockEnd: 'RL-RU-FR-2025-000001',
        unitCount: 1,
        vintageYear: 2025,
        unitStatus: 'Held',
        unitStatusReason: null,
        countryJurisdictionOfOwner: 'France',
        unitRegistryReference: 'REG-1',
        issuanceId: 'RU-FR-2025-3',
      }),
    ]);
    expect(
      new RegExp(exported.units[0].serialNumberPattern).exec(exported.units[0].serialNumberBlock)?.slice(1),
    ).toEqual(['000001', '000001']);
  });

  it('exports a closed batch without credits as no unit, its debt in the close arithmetic', () => {
    const debt: BatchSnapshot = {
      ...issued,
      state: 'closed',
      serials: null,
      verification: null,
      issuance: null,
      totals: {
        ...issued.totals!,
        grossG: -177_800,
        discountG: 0,
        netG: -177_800,
        credits: 0,
        carriedOutG: -177_800,
      },
    };
    const exported = toRegistryUnits(debt, project, {
      creditLines: 0,
      creditG: 0,
      reversalLines: 1,
      reversalG: -177_800,
    });
    expect(validate(exported)).toBe(true);
    expect(exported.units).toEqual([]);
    expect(exported.closeArithmetic).toMatchObject({ credits: 0, carriedOutG: -177_800 });
  });

  it('refuses an open batch', () => {
    expect(() =>
      toRegistryUnits({ ...issued, state: 'open', totals: null, serials: null }, project, lines),
    ).toThrow('BATCH.NOT_CLOSED');
  });

  it('writes the same units as CSV, one row each under a header', () => {
    const exported = toRegistryUnits(issued, project, lines);
    const { records } = parseCsv(registryUnitsCsv(exported));
    expect(records[0].slice(0, 3)).toEqual(['issuanceId', 'warehouseProjectId', 'unitOwner']);
    expect(records).toHaveLength(2);
    const row = Object.fromEntries(records[0].map((column, index) => [column, records[1][index]]));
    expect(row).toMatchObject({ unitBlockStart: 'RL-RU-FR-2025-000001', unitCount: '1', unitStatus: 'Held' });
  });
});
