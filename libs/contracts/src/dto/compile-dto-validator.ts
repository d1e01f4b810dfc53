import { ClassConstructor } from 'class-transformer';
import {
  getMetadataStorage,
  ValidationArguments,
  ValidationTypes,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ValidationUtils } from 'class-validator/cjs/validation/ValidationUtils';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { Rejection } from '../rejection';
import { nestedDtoOf } from './dto-shape';
import { constraintRejection, joinPath } from './validate-dto-reference';

// class-validator's validateSync re-reads the decorator metadata of the class on every call (filtering
// the storage, grouping by property, resolving each constraint's instance, building ValidationErrors).
// This reads it once per class and keeps, per property, the very constraint instances validateSync
// would call, in its order, with its stopAtFirstError rules: the constraints and their messages are
// class-validator's own, only the walk is precomputed. Anything the walk below does not mirror exactly
// makes the class (at compile time) or the input (at run time) go to validateSync instead.

/** Returned for an input the compiled walk does not mirror; the caller then asks validateSync. */
export const NOT_COMPILED = Symbol('not compiled');

/** The first rejection of an instantiated DTO, as validate-dto-reference would give it. */
export type CompiledDtoValidator = (
  instance: object,
  pathPrefix: string,
) => Rejection | undefined | typeof NOT_COMPILED;

export type DtoCompilation =
  | { ok: true; validate: CompiledDtoValidator; constraints: readonly string[] }
  | { ok: false; reason: string };

interface CompiledConstraint {
  metadata: ValidationMetadata;
  instance: ValidatorConstraintInterface;
  /** The key validateSync files a failure under (the constraint's name, else the metadata type). */
  key: string;
}

interface CompiledNested {
  metadata: ValidationMetadata;
  dto: ClassConstructor<object>;
  validate: CompiledDtoValidator;
  constraints: readonly string[];
}

type Contexts = Readonly<Record<string, unknown>>;

interface CompiledProperty {
  name: string;
  conditions: readonly ((object: object, value: unknown) => unknown)[];
  defined: readonly CompiledConstraint[];
  custom: readonly CompiledConstraint[];
  nested: CompiledNested | undefined;
  /** The contexts validateSync merges onto a failure found by `defined`, and by anything after it. */
  definedContexts: Contexts;
  laterContexts: Contexts;
}

interface Failure {
  key: string;
  message: string;
  contexts: Contexts;
}

class Unsupported extends Error {}

const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
]);

function targetNameOf(object: object): string | undefined {
  const { constructor } = object as { constructor?: { name: string } };
  return constructor ? constructor.name : undefined;
}

function isPromiseLike(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** ValidationExecutor.createValidationError: the metadata's message, else the constraint's default. */
function messageOf(
  metadata: ValidationMetadata,
  instance: ValidatorConstraintInterface | undefined,
  args: ValidationArguments,
): string {
  let message = metadata.message || '';
  if (!metadata.message && instance && instance.defaultMessage instanceof Function) {
    message = instance.defaultMessage(args);
  }
  return ValidationUtils.replaceMessageSpecialTokens(message, args);
}

function argumentsOf(
  metadata: ValidationMetadata,
  object: object,
  value: unknown,
  targetName = targetNameOf(object),
): ValidationArguments {
  return {
    targetName: targetName as string,
    property: metadata.propertyName,
    object,
    value,
    constraints: metadata.constraints,
  };
}

/** One constraint, as ValidationExecutor.customValidations runs it synchronously. */
function check(
  constraint: CompiledConstraint,
  object: object,
  value: unknown,
  targetName: string | undefined,
  contexts: Contexts,
): Failure | undefined | typeof NOT_COMPILED {
  const { metadata, instance } = constraint;
  const valid: unknown = instance.validate(value, argumentsOf(metadata, object, value, targetName));
  // validateSync would leave a promise pending and keep its outcome out of the result: not mirrored.
  if (isPromiseLike(valid)) return NOT_COMPILED;
  if (valid) return undefined;
  return {
    key: constraint.key,
    message: messageOf(metadata, instance, argumentsOf(metadata, object, value, targetName)),
    contexts,
  };
}

function runConstraints(
  constraints: readonly CompiledConstraint[],
  object: object,
  value: unknown,
  targetName: string | undefined,
  contexts: Contexts,
): Failure | undefined | typeof NOT_COMPILED {
  for (const constraint of constraints) {
    const outcome = check(constraint, object, value, targetName, contexts);
    if (outcome !== undefined) return outcome;
  }
  return undefined;
}

/** ValidationExecutor.nestedValidations for one nested DTO, once the property's own constraints passed. */
function checkNested(
  property: CompiledProperty,
  nested: CompiledNested,
  value: unknown,
  path: string,
): Failure | Rejection | undefined | typeof NOT_COMPILED {
  if (value === undefined) return undefined;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) return NOT_COMPILED;
  if (value instanceof Object) {
    return value.constructor === nested.dto ? nested.validate(value, path) : NOT_COMPILED;
  }
  const { metadata } = nested;
  // The executor reports a primitive against the metadata's target (the class), not the instance.
  const target = metadata.target as object;
  return {
    key: metadata.type,
    message: messageOf(metadata, undefined, argumentsOf(metadata, target, value)),
    contexts: property.laterContexts,
  };
}

function isFailure(value: Failure | Rejection): value is Failure {
  return 'key' in value;
}

function validateProperty(
  property: CompiledProperty,
  instance: object,
  targetName: string | undefined,
  pathPrefix: string,
): Rejection | undefined | typeof NOT_COMPILED {
  const value: unknown = (instance as Record<string, unknown>)[property.name];
  // The executor evaluates every condition, then ands them: IsOptional skips null and undefined.
  let canValidate: unknown = true;
  for (const condition of property.conditions) {
    const holds = condition(instance, value);
    canValidate = canValidate && holds;
  }
  if (!canValidate) return undefined;
  const path = joinPath(pathPrefix, property.name);
  let outcome: Failure | Rejection | undefined | typeof NOT_COMPILED = runConstraints(
    property.defined,
    instance,
    value,
    targetName,
    property.definedContexts,
  );
  outcome ??= runConstraints(property.custom, instance, value, targetName, property.laterContexts);
  if (outcome === undefined && property.nested) outcome = checkNested(property, property.nested, value, path);
  if (outcome === undefined || outcome === NOT_COMPILED || !isFailure(outcome)) return outcome;
  return constraintRejection(path, outcome.key, outcome.message, outcome.contexts[outcome.key]);
}

function compiledValidator(properties: readonly CompiledProperty[]): CompiledDtoValidator {
  return (instance, pathPrefix) => {
    // The executor reads it per constraint; no constraint changes the instance's class meanwhile.
    const targetName = targetNameOf(instance);
    // validateSync checks every property, building each failure's message, before the first failure is
    // picked: so does this, for a message that throws (a BigInt in a part list) to throw here as well.
    let first: Rejection | undefined;
    for (const property of properties) {
      const outcome = validateProperty(property, instance, targetName, pathPrefix);
      if (outcome === NOT_COMPILED) return NOT_COMPILED;
      first ??= outcome;
    }
    return first;
  };
}

// ---------------------------------------------------------------------------------------------------
// Compilation: read the metadata exactly as ValidationExecutor.execute does for
// validateSync(instance, { stopAtFirstError: true, forbidUnknownValues: true }) (no groups, always off).

function compileConstraint(metadata: ValidationMetadata): CompiledConstraint {
  const where = `${metadata.propertyName} (${metadata.name ?? metadata.type})`;
  if (metadata.each) throw new Unsupported(`${where}: "each" constraints are not compiled`);
  const constraints = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.length !== 1) throw new Unsupported(`${where}: ${constraints.length} constraint classes`);
  const [constraint] = constraints;
  if (constraint.async) throw new Unsupported(`${where}: async constraint`);
  // The executor asks class-validator's container on every call; its default container (no useContainer
  // in this repository) always returns this one instance.
  const instance = constraint.instance;
  return { metadata, instance, key: constraint.name ? constraint.name : metadata.type };
}

/** ValidationExecutor.mapContexts, over the lists it maps after a failure, in its order. */
function mergedContexts(lists: readonly (readonly ValidationMetadata[])[]): Contexts {
  const contexts: Record<string, unknown> = {};
  for (const list of lists) {
    for (const metadata of list) {
      if (!metadata.context) continue;
      let key = metadata.type;
      if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
        const [constraint] = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
        key = constraint && constraint.name ? constraint.name : metadata.type;
      }
      contexts[key] = Object.assign((contexts[key] as object | undefined) || {}, metadata.context);
    }
  }
  return contexts;
}

function compileNested(
  dto: ClassConstructor<object>,
  metadata: ValidationMetadata,
  compiling: Set<ClassConstructor<object>>,
): CompiledNested {
  const nestedDto = nestedDtoOf(dto, metadata.propertyName);
  if (nestedDto === undefined)
    throw new Unsupported(`${metadata.propertyName}: nested validation without @Type`);
  const schema = typeof metadata.target === 'string' ? metadata.target : metadata.target.name;
  const compilation = compile(nestedDto, schema, compiling);
  if (!compilation.ok) throw new Unsupported(`${metadata.propertyName}: ${compilation.reason}`);
  return { metadata, dto: nestedDto, validate: compilation.validate, constraints: compilation.constraints };
}

function compileProperty(
  dto: ClassConstructor<object>,
  name: string,
  metadatas: readonly ValidationMetadata[],
  compiling: Set<ClassConstructor<object>>,
): CompiledProperty {
  for (const metadata of metadatas) {
    if (!SUPPORTED_TYPES.has(metadata.type))
      throw new Unsupported(`${name}: constraint type ${metadata.type}`);
  }
  const defined = metadatas.filter(({ type }) => type === ValidationTypes.IS_DEFINED);
  const others = metadatas.filter(({ type }) => type !== ValidationTypes.IS_DEFINED);
  const custom = others.filter(({ type }) => type === ValidationTypes.CUSTOM_VALIDATION);
  const conditional = others.filter(({ type }) => type === ValidationTypes.CONDITIONAL_VALIDATION);
  const nested = others.filter(({ type }) => type === ValidationTypes.NESTED_VALIDATION);
  if (nested.length > 1) throw new Unsupported(`${name}: ${nested.length} nested validations`);
  const conditions = conditional.map(({ constraints }) => {
    const [condition] = constraints as unknown[];
    if (typeof condition !== 'function') throw new Unsupported(`${name}: condition is not a function`);
    return condition as (object: object, value: unknown) => unknown;
  });
  return {
    name,
    conditions,
    defined: defined.map(compileConstraint),
    custom: custom.map(compileConstraint),
    nested: nested.length === 1 ? compileNested(dto, nested[0], compiling) : undefined,
    definedContexts: mergedContexts([defined, others, custom]),
    laterContexts: mergedContexts([others, custom]),
  };
}

function compile(
  dto: ClassConstructor<object>,
  schema: string | undefined,
  compiling: Set<ClassConstructor<object>>,
): DtoCompilation {
  if (compiling.has(dto)) return { ok: false, reason: `${dto.name} nests itself` };
  compiling.add(dto);
  try {
    const storage = getMetadataStorage();
    // validateSync(instance) passes no schema name (undefined), nested validation its parent's name.
    const metadatas = storage.getTargetValidationMetadatas(dto, schema as string, false, false, undefined);
    // forbidUnknownValues refuses an instance without metadata with an error of its own: not mirrored.
    if (metadatas.length === 0) return { ok: false, reason: `${dto.name} has no validation metadata` };
    const grouped = storage.groupByPropertyName(metadatas);
    const properties = Object.keys(grouped).map((name) =>
      compileProperty(dto, name, grouped[name], compiling),
    );
    const names = metadatas.map(({ name, type }) => name ?? type);
    const nestedNames = properties.flatMap(({ nested }) => nested?.constraints ?? []);
    const constraints = [...new Set([...names, ...nestedNames])].sort();
    return { ok: true, validate: compiledValidator(properties), constraints };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: `${dto.name}.${error.message}` };
    throw error;
  } finally {
    compiling.delete(dto);
  }
}

const compilations = new WeakMap<ClassConstructor<object>, DtoCompilation>();

/**
 * The validator of `dto` compiled from its class-validator metadata, once per class (decorators run
 * when the class is defined, so the metadata is complete by the first call); or why it is not.
 */
export function compileDtoValidator(dto: ClassConstructor<object>): DtoCompilation {
  let compilation = compilations.get(dto);
  if (compilation === undefined) {
    compilation = compile(dto, undefined, new Set());
    compilations.set(dto, compilation);
  }
  return compilation;
}
