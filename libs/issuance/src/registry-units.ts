import { BatchSnapshot } from '@refurb/contracts';
import { BatchException } from './batch.exception';
import { csvRecord } from './csv';
import { formatSerial } from './serial-block';

/**
 * A batch's credits as registry unit records, in the shape of the Climate Action Data Trust (CADT v2)
 * unit record: one record per serial block, with the CADT field names, so a registry or a CADT node can
 * take them as they are. What CADT has no field for (the batch's close arithmetic) is beside the units,
 * not inside them. The figures are the batch's frozen close totals — the close arithmetic already netted
 * its reversals and carry-over — never recounted from the lines.
 */

/** CADT unit statuses used here: issued credits are held by the project; earlier ones are not live yet. */
export type RegistryUnitStatus = 'Held' | 'Inactive';

export interface RegistryIssuance {
  /** The batch id: what the ledger calls an issuance. */
  id: string;
  warehouseProjectId: string;
  /** The vintage year's bounds (UTC), the monitoring period of the batch. */
  startDate: string;
  endDate: string;
  verificationBody: string | null;
  verificationReportDate: string | null;
  verificationReportReference: string | null;
}

export interface RegistryUnitRecord {
  issuanceId: string;
  unitOwner: string;
  countryJurisdictionOfOwner: string;
  serialNumberBlock: string;
  serialNumberPattern: string;
  unitBlockStart: string;
  unitBlockEnd: string;
  unitCount: number;
  vintageYear: number;
  unitType: 'Avoidance';
  unitStatus: RegistryUnitStatus;
  unitStatusReason: string | null;
  /** The registry's own reference once it issued the units. */
  unitRegistryReference: string | null;
  correspondingAdjustmentDeclaration: 'Unknown';
  correspondingAdjustmentStatus: 'Not Started';
  issuance: RegistryIssuance;
}

/** The lines a closed batch froze, by kind; reversals are negative grams. */
export interface BatchLineKinds {
  creditLines: number;
  creditG: number;
  reversalLines: number;
  reversalG: number;
}

export interface RegistryUnitsExport {
  batchId: string;
  projectId: string;
  vintage: number;
  state: 'closed' | 'verified' | 'issued';
  closeArithmetic: BatchLineKinds & {
    grossG: number;
    discountBp: number;
    discountG: number;
    carriedInG: number;
    netG: number;
    credits: number;
    carriedOutG: number;
  };
  units: RegistryUnitRecord[];
}

export interface RegistryProject {
  id: string;
  company: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** Extracts the first and last serial numbers from serialNumberBlock, as CADT's serialNumberPattern does. */
export const SERIAL_NUMBER_PATTERN = '^RL-[A-Z0-9-]+-\\d{4}-(\\d{6,})-(\\d{6,})$';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

const STATUS_REASON: Record<RegistryUnitsExport['state'], string | null> = {
  closed: 'closed, awaiting verification',
  verified: 'verified, awaiting registry issuance',
  issued: null,
};

export function toRegistryUnits(
  batch: BatchSnapshot,
  project: RegistryProject,
  lines: BatchLineKinds,
): RegistryUnitsExport {
  const { totals, state } = batch;
  if (state === 'open' || totals === null) {
    throw new BatchException(
      'BATCH.NOT_CLOSED',
      `batch ${batch.id} is open: it has no units until it closes`,
    );
  }
  const issuance: RegistryIssuance = {
    id: batch.id,
    warehouseProjectId: project.id,
    startDate: `${batch.vintage}-01-01`,
    endDate: `${batch.vintage}-12-31`,
    verificationBody: batch.verification?.verifierName ?? null,
    verificationReportDate: batch.verification?.verifiedAt ?? null,
    verificationReportReference: batch.verification?.reportReference ?? null,
  };
  const units: RegistryUnitRecord[] = batch.serials
    ? [
        {
          issuanceId: batch.id,
          unitOwner: project.company,
          countryJurisdictionOfOwner: regionNames.of(project.country) ?? project.country,
          serialNumberBlock: batch.serials.block,
          serialNumberPattern: SERIAL_NUMBER_PATTERN,
          unitBlockStart: formatSerial(project.id, batch.vintage, batch.serials.first),
          unitBlockEnd: formatSerial(project.id, batch.vintage, batch.serials.last),
          unitCount: batch.serials.last - batch.serials.first + 1,
          vintageYear: batch.vintage,
          unitType: 'Avoidance',
          unitStatus: state === 'issued' ? 'Held' : 'Inactive',
          unitStatusReason: STATUS_REASON[state],
          unitRegistryReference: batch.issuance?.registryReference ?? null,
          correspondingAdjustmentDeclaration: 'Unknown',
          correspondingAdjustmentStatus: 'Not Started',
          issuance,
        },
      ]
    : [];
  return {
    batchId: batch.id,
    projectId: project.id,
    vintage: batch.vintage,
    state,
    closeArithmetic: {
      ...lines,
      grossG: totals.grossG,
      discountBp: totals.discountBp,
      discountG: totals.discountG,
      carriedInG: totals.carriedInG,
      netG: totals.netG,
      credits: totals.credits,
      carriedOutG: totals.carriedOutG,
    },
    units,
  };
}

const CSV_COLUMNS = [
  'issuanceId',
  'warehouseProjectId',
  'unitOwner',
  'countryJurisdictionOfOwner',
  'serialNumberBlock',
  'unitBlockStart',
  'unitBlockEnd',
  'unitCount',
  'vintageYear',
  'unitType',
  'unitStatus',
  'unitStatusReason',
  'unitRegistryReference',
  'correspondingAdjustmentDeclaration',
  'correspondingAdjustmentStatus',
  'issuanceStartDate',
  'issuanceEndDate',
  'verificationBody',
  'verificationReportDate',
  'verificationReportReference',
] as const;

/** The unit records as CSV (RFC 4180, a header row, one row per unit record). */
export function registryUnitsCsv(exported: RegistryUnitsExport): string {
  const rows = exported.units.map((unit) => [
    unit.issuanceId,
    unit.issuance.warehouseProjectId,
    unit.unitOwner,
    unit.countryJurisdictionOfOwner,
    unit.serialNumberBlock,
    unit.unitBlockStart,
    unit.unitBlockEnd,
    unit.unitCount,
    unit.vintageYear,
    unit.unitType,
    unit.unitStatus,
    unit.unitStatusReason,
    unit.unitRegistryReference,
    unit.correspondingAdjustmentDeclaration,
    unit.correspondingAdjustmentStatus,
    unit.issuance.startDate,
    unit.issuance.endDate,
    unit.issuance.verificationBody,
    unit.issuance.verificationReportDate,
    unit.issuance.verificationReportReference,
  ]);
  return [CSV_COLUMNS, ...rows].map((row) => csvRecord(row)).join('');
}
