import { ClassConstructor } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { nestedDtoOf } from '../dto/dto-shape';
import { isRejectionContext } from '../dto/field-decorators';
import { CONSTRAINT_SCHEMAS, textPattern } from './constraint-schemas';
import { JsonSchema } from './json-schema';

/** Where the schemas of nested DTOs go, by name, so they are written once and referenced. */
export type SchemaDefinitions = Map<string, JsonSchema>;

/** `TransportLegDto` -> `TransportLeg`: the DTO suffix is an implementation detail. */
export function definitionName(dto: ClassConstructor<object>): string {
  return dto.name.replace(/Dto$/, '');
}

function constraintName(metadata: ValidationMetadata): string {
  if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) return 'isOptional';
  return metadata.name ?? metadata.type;
}

function nestedDto(dto: ClassConstructor<object>, property: string): ClassConstructor<object> {
  const type = nestedDtoOf(dto, property);
  if (type === undefined) throw new Error(`${dto.name}.${property}: nested validation without @Type`);
  return type;
}

interface PropertySchema {
  schema: JsonSchema;
  required: boolean;
}

function propertySchema(
  dto: ClassConstructor<object>,
  property: string,
  constraints: readonly ValidationMetadata[],
  definitions: SchemaDefinitions,
): PropertySchema {
  const names = constraints.map(constraintName);
  const required = names.includes('isDefined');
  const optional = names.includes('isOptional');
  let schema: JsonSchema = {};
  const rules: string[] = [];
  for (const metadata of constraints) {
    const name = constraintName(metadata);
    if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
      schema = {
        ...schema,
        $ref: `#/$defs/${definitionName(registerDto(nestedDto(dto, property), definitions))}`,
      };
      delete schema.type;
      continue;
    }
    const converter = CONSTRAINT_SCHEMAS[name];
    if (converter === undefined)
      throw new Error(`${dto.name}.${property}: no JSON Schema for constraint ${name}`);
    const { schema: fragment, rule } = converter(metadata.constraints ?? []);
    schema = { ...schema, ...fragment };
    const code = isRejectionContext(metadata.context) ? ` (${metadata.context.code})` : '';
    if (rule) rules.push(`${rule}${code}`);
  }
  if (names.includes('isCleanText')) schema = { ...schema, ...textPattern(!names.includes('isNotBlank')) };
  if (optional) schema = orNull(schema);
  if (rules.length > 0) schema = { description: `${capitalise(rules.join('; '))}.`, ...schema };
  return { schema, required };
}

/** Optional members may be null, which means absent. */
function orNull(schema: JsonSchema): JsonSchema {
  return typeof schema.type === 'string'
    ? { ...schema, type: [schema.type, 'null'] }
    : { anyOf: [schema, { type: 'null' }] };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The JSON Schema of a class-validator DTO, read from the same decorators validateDto runs, property
 * by property in declaration order. Nested DTOs are added to `definitions` and referenced.
 */
export function dtoSchema(dto: ClassConstructor<object>, definitions: SchemaDefinitions): JsonSchema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const entry of metadata)
    byProperty.set(entry.propertyName, [...(byProperty.get(entry.propertyName) ?? []), entry]);
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const [property, constraints] of byProperty) {
    const built = propertySchema(dto, property, constraints, definitions);
    properties[property] = built.schema;
    if (built.required) required.push(property);
  }
  return { type: 'object', required, properties };
}

function registerDto(
  dto: ClassConstructor<object>,
  definitions: SchemaDefinitions,
): ClassConstructor<object> {
  const name = definitionName(dto);
  if (!definitions.has(name)) {
    definitions.set(name, {});
    definitions.set(name, dtoSchema(dto, definitions));
  }
  return dto;
}
