import { join } from 'node:path';
import { DEVICE_CATEGORIES } from '../device-category';
import { DEVICE_EVENT_TYPES, DeviceEventType } from '../device-event';
import { PARTS_BY_CATEGORY } from '../device-parts';
import { CloudEventEnvelopeDto } from '../dto/cloud-event-envelope.dto';
import { EVENT_DATA_DTOS } from '../event-data-parsers';
import { MAX_EVENT_BYTES } from '../cloud-event-codec';
import { DEFAULT_MAX_CLOCK_SKEW_MS, EARLIEST_EVENT_TIME } from '../validate-device-event';
import { definitionName, dtoSchema, SchemaDefinitions } from './dto-json-schema';
import { JSON_SCHEMA_DIALECT, JsonSchema } from './json-schema';

/** Where the published schemas live: libs/contracts/schemas/<type>.schema.json. */
export const SCHEMA_DIRECTORY = join(__dirname, '..', '..', 'schemas');

export function schemaFileName(type: DeviceEventType): string {
  return `${type}.schema.json`;
}

const TIME_BOUNDS =
  `at most ${DEFAULT_MAX_CLOCK_SKEW_MS / 60_000} minutes ahead of the ledger's clock (EVENT.TIME_IN_FUTURE) ` +
  `and not before ${EARLIEST_EVENT_TIME} (EVENT.TIME_TOO_OLD)`;

const EVENT_RULES = [
  `A CloudEvents 1.0 event as Refurb Ledger accepts it, in structured mode (application/cloudevents+json, over HTTP or Kafka); in Kafka binary mode the attributes travel as ce_<name> headers and the body is \`data\`.`,
  `The schema checks the shape. The ledger also applies rules a schema cannot express: the whole body is at most ${MAX_EVENT_BYTES} bytes (EVENT.PAYLOAD_TOO_LARGE); \`time\` is a real calendar date, ${TIME_BOUNDS}; an IMEI passes the Luhn check and is not all zeros (EVENT.INVALID_IMEI); \`subject\`, when given, names the same device as data.deviceId (EVENT.SUBJECT_MISMATCH); text contains no lone surrogate, and length limits count characters after trimming and NFC normalisation (EVENT.INVALID_STRING).`,
  `An id already recorded with a different payload is refused (EVENT.ID_REUSED); the same event delivered again, even formatted differently, is acknowledged and ignored. Unknown attributes and unknown data members are ignored. When several rules fail, the first in envelope, type, time, data order names the rejection.`,
];

function partsTable(): string {
  return DEVICE_CATEGORIES.map((category) => `${category}: ${PARTS_BY_CATEGORY[category].join(', ')}`).join(
    '; ',
  );
}

/** Rules of one property that only the code knows, keyed by `<definition>.<property>`. */
const PROPERTY_RULES: Readonly<Record<string, string>> = {
  'CloudEvent.subject':
    'names the same device as data.deviceId, in any accepted form (EVENT.SUBJECT_MISMATCH)',
  'CloudEvent.time': TIME_BOUNDS,
  'CloudEvent.data': 'required (EVENT.MISSING_FIELD), a JSON object (EVENT.INVALID_FIELD)',
  'DeviceRepaired.partsReplaced': `a part the device's category does not have is not refused, since only the cycle's collection tells the category: the event is stored, and the tracker flags its cycle (anomaly CYCLE.PART_NOT_IN_CATEGORY), which then earns no credit. Parts per category: ${partsTable()}`,
  'DeviceReturned.orderId': 'the orderId of the resale it cancels',
  'TransportLeg.distanceKm': 'kilometres, rounded to the nearest whole km',
};

function withRule(schema: JsonSchema, rule: string): JsonSchema {
  const description =
    typeof schema.description === 'string' ? `${schema.description.slice(0, -1)}; ${rule}.` : `${rule}.`;
  return { ...schema, description: description.charAt(0).toUpperCase() + description.slice(1) };
}

function applyPropertyRules(name: string, schema: JsonSchema): JsonSchema {
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  for (const [key, rule] of Object.entries(PROPERTY_RULES)) {
    const [definition, property] = key.split('.');
    if (definition === name && properties[property])
      properties[property] = withRule(properties[property], rule);
  }
  return { ...schema, properties };
}

/**
 * The JSON Schema (draft 2020-12) of a whole `type` event, envelope and data, generated from the
 * class-validator DTOs that validateDeviceEvent runs, so the published contract cannot drift from it.
 */
export function deviceEventSchema(type: DeviceEventType): JsonSchema {
  const definitions: SchemaDefinitions = new Map();
  const dataDto = EVENT_DATA_DTOS[type];
  const dataName = definitionName(dataDto);
  definitions.set(dataName, dtoSchema(dataDto, definitions));
  for (const [name, schema] of definitions) definitions.set(name, applyPropertyRules(name, schema));
  const envelope = dtoSchema(CloudEventEnvelopeDto, definitions);
  const properties = envelope.properties as Record<string, JsonSchema>;
  const typeSchema: JsonSchema = { ...properties.type, const: type };
  delete typeSchema.enum;
  const event: JsonSchema = {
    ...envelope,
    required: [...(envelope.required as string[]), 'data'],
    properties: {
      ...properties,
      type: typeSchema,
      data: { $ref: `#/$defs/${dataName}` },
    },
  };
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `urn:refurb-ledger:schema:${type}`,
    title: type,
    description: EVENT_RULES.join(' '),
    ...applyPropertyRules('CloudEvent', event),
    $defs: Object.fromEntries([...definitions].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** A schema file's exact content: stable, so a regenerated file differs only when the contract does. */
export function renderSchema(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export function deviceEventSchemaFiles(): { fileName: string; content: string }[] {
  return DEVICE_EVENT_TYPES.map((type) => ({
    fileName: schemaFileName(type),
    content: renderSchema(deviceEventSchema(type)),
  }));
}
