import { TOPICS } from '../topics';
import { batchTransitionRecordSchema } from './batch-transition-record-schema';
import { cycleCreditRecordSchema } from './cycle-credit-record-schema';
import { deviceEventSchemaFiles, renderSchema } from './device-event-schemas';
import { JsonSchema } from './json-schema';

export interface SchemaFile {
  fileName: string;
  content: string;
}

/** The schemas of the services' own records, by the topic that carries them. */
export const RECORD_SCHEMAS = {
  [TOPICS.credited]: { fileName: 'cycle-credit-record.schema.json', schema: cycleCreditRecordSchema },
  [TOPICS.batches]: { fileName: 'batch-transition-record.schema.json', schema: batchTransitionRecordSchema },
} as const satisfies Record<string, { fileName: string; schema: () => JsonSchema }>;

/** Every file of libs/contracts/schemas/: one per device event type, one per record the services publish. */
export function contractSchemaFiles(): SchemaFile[] {
  const records = Object.values(RECORD_SCHEMAS).map(({ fileName, schema }) => ({
    fileName,
    content: renderSchema(schema()),
  }));
  return [...deviceEventSchemaFiles(), ...records];
}
