import { ClassConstructor, plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationError, validateSync } from 'class-validator';
import { reject, Rejected, Rejection, RejectionCode } from '../rejection';
import { isRejectionContext } from './field-decorators';
import { pickDeclared } from './safe-plain';

function joinPath(parent: string, property: string): string {
  return parent === '' ? property : `${parent}.${property}`;
}

/**
 * The rejection for the first failing property, depth first. Properties are reported in declaration
 * order and, validated with `stopAtFirstError`, each carries one failed constraint.
 */
export function firstRejection(errors: readonly ValidationError[], parentPath = ''): Rejection | undefined {
  const [error] = errors;
  if (error === undefined) return undefined;
  const path = joinPath(parentPath, error.property);
  const constraints = error.constraints ?? {};
  const [constraint] = Object.keys(constraints);
  if (constraint === undefined) {
    return (
      firstRejection(error.children ?? [], path) ?? {
        code: RejectionCode.INVALID_FIELD,
        message: `${path} is invalid`,
        field: path,
      }
    );
  }
  const context: unknown = error.contexts?.[constraint];
  const fallback = constraint === 'isDefined' ? RejectionCode.MISSING_FIELD : RejectionCode.INVALID_FIELD;
  const code = isRejectionContext(context) ? context.code : fallback;
  return { code, message: `${path} ${constraints[constraint]}`, field: path };
}

const declaredPropertiesCache = new WeakMap<ClassConstructor<object>, readonly string[]>();

/** The properties carrying validation decorators: the only ones a DTO reads. */
function declaredProperties(dto: ClassConstructor<object>): readonly string[] {
  let properties = declaredPropertiesCache.get(dto);
  if (properties === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    properties = [...new Set(metadata.map(({ propertyName }) => propertyName))];
    declaredPropertiesCache.set(dto, properties);
  }
  return properties;
}

/**
 * Instantiates `dto` from the declared properties of `plain` and validates it. Undeclared members
 * are left behind, which is how unknown properties of `data` and envelope extensions are stripped.
 */
export function validateDto<T extends object>(
  dto: ClassConstructor<T>,
  plain: Record<string, unknown>,
  pathPrefix = '',
): { ok: true; value: T } | Rejected {
  const instance = plainToInstance(dto, pickDeclared(declaredProperties(dto), plain));
  const errors = validateSync(instance, {
    stopAtFirstError: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const rejection = firstRejection(errors, pathPrefix);
  return rejection === undefined
    ? { ok: true, value: instance }
    : reject(rejection.code, rejection.message, rejection.field);
}
