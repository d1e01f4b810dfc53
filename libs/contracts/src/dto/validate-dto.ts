import { ClassConstructor } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { reject, Rejected, Rejection, RejectionCode } from '../rejection';
import { dtoShape } from './dto-shape';
import { isRejectionContext } from './field-decorators';
import { pickDeclared } from './safe-plain';

function joinPath(parent: string, property: string): string {
  return parent === '' ? property : `${parent}.${property}`;
}

/**
 * The rejection for the first failing property, depth first. Properties are reported in declaration
 * order and, validated with `stopAtFirstError`, each carries one failed constraint.
 */
function firstRejection(errors: readonly ValidationError[], parentPath = ''): Rejection | undefined {
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

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `new dto()` holding the declared members of `picked`, nested DTOs instantiated from their `@Type`.
 * What class-transformer's plainToInstance does for these DTOs (no other transform decorator is used),
 * without its generic walk, which cost more than the validation itself on the consumers' hot path.
 */
function instantiate<T extends object>(dto: ClassConstructor<T>, picked: Record<string, unknown>): T {
  const { nested } = dtoShape(dto);
  const instance = new dto() as Record<string, unknown>;
  for (const [key, value] of Object.entries(picked)) {
    const nestedDto = nested.get(key);
    instance[key] =
      nestedDto && isPlainRecord(value)
        ? instantiate(nestedDto, pickDeclared(dtoShape(nestedDto).properties, value))
        : value;
  }
  return instance as T;
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
  const instance = instantiate(dto, pickDeclared(dtoShape(dto).properties, plain));
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
