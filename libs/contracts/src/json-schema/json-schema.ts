/** A JSON Schema (draft 2020-12) document or subschema, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
