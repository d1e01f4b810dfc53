import { BatchState, CloseTotals, CycleCreditEmissions, CycleCreditEvidence } from '@refurb/contracts';
import { csvRecord, CsvSyntaxError, parseCsv } from './csv';

/**
 * The evidence CSV of a batch is self-contained: comment records (`# key: value`) before the rows
 * carry what the closing arithmetic needs besides the lines (discount_bp, carried_in_g), and after
 * the rows the totals the ledger claims, so a verifier can reproduce them from the file alone
 * (apps/issuance/verifier/recompute-batch-from-csv.mjs does).
 */
const EVIDENCE_CSV_FORMAT = 'refurb-ledger/evidence-csv/1';

export const EVIDENCE_CSV_COLUMNS = [
  'change_id',
  'kind',
  'reverses_change_id',
  'device_id',
  'cycle_id',
  'category',
  'workshop_id',
  'erasure_certificate_id',
  'resale_country',
  'vintage',
  /** JSON array of {eventId, type, time}: every event the figure rests on. */
  'evidence_events',
  /** JSON array of {eventId, part}. */
  'parts_replaced',
  /** JSON array of {eventId, distanceKm, mode}. */
  'legs',
  'methodology',
  'factor_set_version',
  'baseline_g',
  'new_device_g',
  'refurbished_share_bp',
  'eol_g',
  'light_refurbishment_g',
  'parts_g',
  'transport_g',
  'project_g',
  /** The cycle's avoided_g, never negative. */
  'cycle_avoided_g',
  /** What the line adds to the batch: cycle_avoided_g for a credit, its negation for a reversal. */
  'line_avoided_g',
  'fingerprint',
] as const;
export type EvidenceCsvColumn = (typeof EVIDENCE_CSV_COLUMNS)[number];

const CLOSING_FORMULA =
  'gross_g = sum(line_avoided_g); discount_g = ceil(max(gross_g, 0) * discount_bp / 10000); ' +
  'net_g = gross_g - discount_g + carried_in_g; credits = max(floor(net_g / 1000000), 0); ' +
  'carried_out_g = net_g - credits * 1000000';

/**
 * The state the CSV's `# state:` comment reads: `open` while the batch is open, then `closed` for ever,
 * the state its evidence was frozen in. Verifying or issuing a batch changes nothing in its evidence,
 * so the file (and the digest recorded at close) stays byte-identical (docs/decisions.md).
 */
export type EvidenceCsvState = 'open' | 'closed';

export function evidenceCsvState(state: BatchState): EvidenceCsvState {
  return state === 'open' ? 'open' : 'closed';
}

export interface EvidenceCsvBatch {
  batchId: string;
  projectId: string;
  vintage: number;
  factorSetVersion: string;
  state: EvidenceCsvState;
  /** Frozen when the batch closes; null while it is open. */
  discountBp: number | null;
  carriedInG: number | null;
  previousBatchId: string | null;
  serialBlock: string | null;
}

export interface EvidenceLine {
  changeId: string;
  kind: 'credit' | 'reversal';
  reversesChangeId: string | null;
  signedAvoidedG: number;
  fingerprint: string;
  evidence: CycleCreditEvidence;
  emissions: CycleCreditEmissions;
}

export interface EvidenceCsvTrailer {
  lineCount: number;
  /** The totals frozen at close; null while the batch is open. */
  totals: CloseTotals | null;
}

function comment(key: string, value: string | number | null): string {
  return `# ${key}: ${value ?? ''}\r\n`;
}

export function evidenceCsvPreamble(batch: EvidenceCsvBatch): string {
  return [
    comment('format', EVIDENCE_CSV_FORMAT),
    comment('batch_id', batch.batchId),
    comment('project_id', batch.projectId),
    comment('vintage', batch.vintage),
    comment('factor_set_version', batch.factorSetVersion),
    comment('state', batch.state),
    comment('discount_bp', batch.discountBp),
    comment('carried_in_g', batch.carriedInG),
    comment('previous_batch_id', batch.previousBatchId),
    comment('serial_block', batch.serialBlock),
    comment('closing_formula', CLOSING_FORMULA),
    csvRecord(EVIDENCE_CSV_COLUMNS),
  ].join('');
}

const EVIDENCE_SAMPLE_FORMAT = 'refurb-ledger/evidence-sample/1';

export interface EvidenceSampleCsvHeader {
  batchId: string;
  seed: string;
  size: number;
  /** Per kind, the population and how many were drawn. */
  strata: readonly { kind: string; population: number; drawn: number }[];
}

/**
 * A sample's CSV: the evidence CSV's columns and rows (evidenceCsvRow) for the drawn lines only, after
 * comments saying how to draw it again (libs/issuance evidence-sample).
 */
export function evidenceSampleCsvPreamble(header: EvidenceSampleCsvHeader): string {
  return [
    comment('format', EVIDENCE_SAMPLE_FORMAT),
    comment('batch_id', header.batchId),
    comment('seed', header.seed),
    comment('size', header.size),
    comment('strata', header.strata.map((s) => `${s.kind}=${s.drawn}/${s.population}`).join(' ')),
    comment('key', 'sha256(seed + "\\n" + change_id), smallest keys first within each kind'),
    csvRecord(EVIDENCE_CSV_COLUMNS),
  ].join('');
}

export function evidenceCsvRow(line: EvidenceLine): string {
  const { evidence, emissions } = line;
  const values: Record<EvidenceCsvColumn, string | number | null> = {
    change_id: line.changeId,
    kind: line.kind,
    reverses_change_id: line.reversesChangeId,
    device_id: evidence.deviceId,
    cycle_id: evidence.cycleId,
    category: evidence.category,
    workshop_id: evidence.workshopId,
    erasure_certificate_id: evidence.erasureCertificateId,
    resale_country: evidence.country,
    vintage: evidence.vintage,
    evidence_events: JSON.stringify(
      evidence.evidenceEvents.map(({ eventId, type, time }) => ({ eventId, type, time })),
    ),
    parts_replaced: JSON.stringify(evidence.partsReplaced.map(({ eventId, part }) => ({ eventId, part }))),
    legs: JSON.stringify(
      evidence.legs.map(({ eventId, distanceKm, mode }) => ({ eventId, distanceKm, mode })),
    ),
    methodology: emissions.methodology,
    factor_set_version: emissions.factorSetVersion,
    baseline_g: emissions.baselineG,
    new_device_g: emissions.newDeviceG,
    refurbished_share_bp: emissions.refurbishedShareBp,
    eol_g: emissions.eolG,
    light_refurbishment_g: emissions.lightRefurbishmentG,
    parts_g: emissions.partsG,
    transport_g: emissions.transportG,
    project_g: emissions.projectG,
    cycle_avoided_g: emissions.avoidedG,
    line_avoided_g: line.signedAvoidedG,
    fingerprint: line.fingerprint,
  };
  return csvRecord(EVIDENCE_CSV_COLUMNS.map((column) => values[column]));
}

export function evidenceCsvTrailer({ lineCount, totals }: EvidenceCsvTrailer): string {
  const lines = [comment('line_count', lineCount)];
  if (totals) {
    lines.push(
      comment('gross_g', totals.grossG),
      comment('discount_g', totals.discountG),
      comment('net_g', totals.netG),
      comment('credits', totals.credits),
      comment('carried_out_g', totals.carriedOutG),
    );
  }
  return lines.join('');
}

export interface ParsedEvidenceCsv {
  /** Every `# key: value` comment, first occurrence wins. */
  metadata: Record<string, string>;
  rows: Record<EvidenceCsvColumn, string>[];
}

/** Reads back an evidence CSV (for tests and tools); throws CsvSyntaxError on a malformed file. */
export function parseEvidenceCsv(text: string): ParsedEvidenceCsv {
  const { comments, records } = parseCsv(text);
  const metadata: Record<string, string> = {};
  for (const line of comments) {
    const match = /^ ([a-z_]+): (.*)$/.exec(line);
    if (match && !Object.hasOwn(metadata, match[1])) metadata[match[1]] = match[2];
  }
  const [header, ...body] = records;
  if (header?.join(',') !== EVIDENCE_CSV_COLUMNS.join(',')) {
    throw new CsvSyntaxError('the header record does not list the evidence columns');
  }
  const rows = body.map((record, index) => {
    if (record.length !== EVIDENCE_CSV_COLUMNS.length) {
      throw new CsvSyntaxError(
        `row ${index + 1} has ${record.length} fields, not ${EVIDENCE_CSV_COLUMNS.length}`,
      );
    }
    return Object.fromEntries(EVIDENCE_CSV_COLUMNS.map((column, i) => [column, record[i]])) as Record<
      EvidenceCsvColumn,
      string
    >;
  });
  return { metadata, rows };
}
