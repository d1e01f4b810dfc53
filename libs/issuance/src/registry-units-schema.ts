import { join } from 'node:path';

/** Where the committed schema lives, for importers and for the registry-export test. */
export const REGISTRY_UNITS_SCHEMA_FILE = join(
  __dirname,
  '..',
  'schemas',
  'registry-units-export.schema.json',
);

const integer = { type: 'integer' } as const;
const text = { type: 'string', minLength: 1 } as const;
const nullableText = { type: ['string', 'null'], minLength: 1 } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const serial = { type: 'string', pattern: '^RL-[A-Z0-9-]+-\\d{4}-\\d{6,}$' } as const;

/** Every property required and none other: the schema and RegistryUnitsExport name the same fields. */
function closedObject(properties: Record<string, unknown>) {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

const issuance = closedObject({
  id: text,
  warehouseProjectId: text,
  startDate: date,
  endDate: date,
  verificationBody: nullableText,
  verificationReportDate: {
    type: ['string', 'null'],
    format: 'date-time',
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$',
  },
  verificationReportReference: nullableText,
});

const unit = closedObject({
  issuanceId: text,
  unitOwner: text,
  countryJurisdictionOfOwner: text,
  serialNumberBlock: { type: 'string', pattern: '^RL-[A-Z0-9-]+-\\d{4}-\\d{6,}-\\d{6,}$' },
  serialNumberPattern: text,
  unitBlockStart: serial,
  unitBlockEnd: serial,
  // CADT's own bound for a unit record.
  unitCount: { type: 'integer', minimum: 1, maximum: 999_999_999 },
  vintageYear: { type: 'integer', minimum: 2000, maximum: 9999 },
  unitType: { const: 'Avoidance' },
  unitStatus: { enum: ['Held', 'Inactive'] },
  unitStatusReason: nullableText,
  unitRegistryReference: nullableText,
  correspondingAdjustmentDeclaration: { const: 'Unknown' },
  correspondingAdjustmentStatus: { const: 'Not Started' },
  issuance,
});

/**
 * JSON Schema (2020-12) of GET /v1/batches/{id}/registry-units. Written to REGISTRY_UNITS_SCHEMA_FILE by
 * write-registry-units-schema.ts; registry-units.spec.ts fails when the two drift apart.
 */
export function registryUnitsExportSchema() {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://refurb-ledger.example/schemas/registry-units-export.schema.json',
    title: 'Registry units of a closed batch (CADT v2 unit record shape)',
    ...closedObject({
      batchId: text,
      projectId: text,
      vintage: { type: 'integer', minimum: 2000, maximum: 9999 },
      state: { enum: ['closed', 'verified', 'issued'] },
      closeArithmetic: closedObject({
        creditLines: { type: 'integer', minimum: 0 },
        creditG: { type: 'integer', minimum: 0 },
        reversalLines: { type: 'integer', minimum: 0 },
        reversalG: { type: 'integer', maximum: 0 },
        grossG: integer,
        discountBp: { type: 'integer', minimum: 0, maximum: 10_000 },
        discountG: { type: 'integer', minimum: 0 },
        carriedInG: { type: 'integer', exclusiveMaximum: 1_000_000 },
        netG: integer,
        credits: { type: 'integer', minimum: 0 },
        carriedOutG: { type: 'integer', exclusiveMaximum: 1_000_000 },
      }),
      units: { type: 'array', maxItems: 1, items: unit },
    }),
  };
}

/** The committed file's content: two-space JSON and a final newline. */
export function registryUnitsSchemaFileContent(): string {
  return `${JSON.stringify(registryUnitsExportSchema(), null, 2)}\n`;
}
