import {
  EVIDENCE_CSV_COLUMNS,
  evidenceCsvPreamble,
  evidenceCsvRow,
  evidenceCsvState,
  evidenceCsvTrailer,
  evidenceSampleCsvPreamble,
  parseEvidenceCsv,
} from './evidence-csv';
import { creditRecord, imeiOf, reversalOf } from './testing/credit-records.fixture';

describe('evidence CSV', () => {
  const credit = creditRecord({
    deviceId: imeiOf(2, 1),
    category: 'smartphone',
    workshopId: 'ws, "quoted"',
    vintage: 2025,
    partsReplaced: ['battery'],
    legs: [{ distanceKm: 450, mode: 'road' }],
  });
  const reversal = reversalOf(credit);
  const batchOf = (batchId: string) => ({
    batchId,
    projectId: 'FR-01',
    vintage: 2025,
    factorSetVersion: '2025-defaults',
    state: 'closed' as const,
    discountBp: 500,
    carriedInG: 75_000,
    previousBatchId: 'FR-01-2025-3',
    serialBlock: null,
  });
  const text =
    evidenceCsvPreamble(batchOf('FR-01-2025-7')) +
    [credit, reversal]
      .map(({ data }) => evidenceCsvRow({ ...data, reversesChangeId: data.reversesChangeId ?? null }))
      .join('') +
    evidenceCsvTrailer({
      lineCount: 2,
      totals: { grossG: 0, discountG: 0, netG: 75_000, credits: 0, carriedOutG: 75_000 },
    });

  it('carries the closing inputs and the claimed totals as metadata', () => {
    const { metadata } = parseEvidenceCsv(text);
    expect(metadata).toMatchObject({
      batch_id: 'FR-01-2025-7',
      discount_bp: '500',
      carried_in_g: '75000',
      serial_block: '',
      line_count: '2',
      gross_g: '0',
      net_g: '75000',
      carried_out_g: '75000',
    });
  });

  it('neutralises text cells a spreadsheet would run, keeps negative figures numeric, and reads both back', () => {
    const hostile = creditRecord({
      deviceId: imeiOf(2, 2),
      category: 'smartphone',
      workshopId: '=HYPERLINK("http://evil.example","open me")',
      vintage: 2025,
    });
    const row = evidenceCsvRow({ ...reversalOf(hostile).data, reversesChangeId: hostile.data.changeId });
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example"",""open me"")",`);
    expect(row).toMatch(/,48380,-48380,sha256:[0-9a-f]+\r\n$/);
    const [parsed] = parseEvidenceCsv(evidenceCsvPreamble(batchOf('FR-01-2025-8')) + row).rows;
    expect(parsed.workshop_id).toBe(hostile.data.evidence.workshopId);
    expect(parsed.line_avoided_g).toBe('-48380');
  });

  it('writes one row per line with its evidence and every emissions component', () => {
    const { rows } = parseEvidenceCsv(text);
    expect(rows).toHaveLength(2);
    // The worked example of docs/methodology.md: BE 51180, PE 2800 + 2000 + 18 = 4818, avoided 46362.
    expect(rows[0]).toMatchObject({
      change_id: credit.data.changeId,
      kind: 'credit',
      reverses_change_id: '',
      device_id: imeiOf(2, 1),
      workshop_id: 'ws, "quoted"',
      baseline_g: '51180',
      parts_g: '2000',
      transport_g: '18',
      project_g: '4818',
      cycle_avoided_g: '46362',
      line_avoided_g: '46362',
      factor_set_version: '2025-defaults',
    });
    expect(rows[1]).toMatchObject({
      kind: 'reversal',
      reverses_change_id: credit.data.changeId,
      line_avoided_g: '-46362',
    });
    expect(JSON.parse(rows[0].evidence_events)).toEqual(credit.data.evidence.evidenceEvents);
    expect(JSON.parse(rows[0].legs)).toEqual([
      { eventId: `${imeiOf(2, 1)}/collected`, distanceKm: 450, mode: 'road' },
    ]);
  });

  it('refuses a file whose header is not the evidence columns', () => {
    expect(() => parseEvidenceCsv('a,b\r\n')).toThrow('header');
    expect(EVIDENCE_CSV_COLUMNS).toContain('line_avoided_g');
  });

  it('reads `closed` in the state comment once the batch is past open, so the file never changes', () => {
    expect(evidenceCsvState('open')).toBe('open');
    for (const state of ['closed', 'verified', 'issued'] as const)
      expect(evidenceCsvState(state)).toBe('closed');
  });

  it("writes a sample's preamble: how to draw it again, then the evidence columns", () => {
    const row = evidenceCsvRow({
      changeId: reversal.id,
      kind: 'reversal',
      reversesChangeId: credit.id,
      signedAvoidedG: reversal.data.signedAvoidedG,
      fingerprint: reversal.data.fingerprint,
      evidence: reversal.data.evidence,
      emissions: reversal.data.emissions,
    });
    const text =
      evidenceSampleCsvPreamble({
        batchId: 'FR-01-2025-9',
        seed: 'audit.2026-Q1',
        size: 1,
        strata: [
          { kind: 'credit', population: 0, drawn: 0 },
          { kind: 'reversal', population: 1, drawn: 1 },
        ],
      }) + row;
    const { metadata, rows } = parseEvidenceCsv(text);
    expect(metadata).toMatchObject({
      format: 'refurb-ledger/evidence-sample/1',
      batch_id: 'FR-01-2025-9',
      seed: 'audit.2026-Q1',
      size: '1',
      strata: 'credit=0/0 reversal=1/1',
    });
    expect(rows.map((r) => r.change_id)).toEqual([reversal.id]);
  });
});
