import { ClassConstructor } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { reject, Rejected, Rejection, RejectionCode } from '../rejection';
import { dtoShape } from './dto-shape';
import { isRejectionContext } from './field-decorators';
import { instantiateDto } from './instantiate-dto';
import { pickDeclared } from './safe-plain';

export function joinPath(parent: string, property: string): string {
  return parent === '' ? property : `${parent}.${property}`;
}

/** The rejection of one failed constraint; `context` is what its decorator set with rejectAs. */
export function constraintRejection(
  path: string,
  constraint: string,
  message: string,
  context: unknown,
): Rejection {
  const fallback = constraint === 'isDefined' ? RejectionCode.MISSING_FIELD : RejectionCode.INVALID_FIELD;
  const code = isRejectionContext(context) ? context.code : fallback;
  return { code, message: `${path} ${message}`, field: path };
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
  return constraintRejection(path, constraint, constraints[constraint], error.contexts?.[constraint]);
}

/** What class-validator's `validateSync` says of an instantiated DTO: the reference semantics. */
export function referenceRejection(instance: object, pathPrefix: string): Rejection | undefined {
  const errors = validateSync(instance, {
    stopAtFirstError: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return firstRejection(errors, pathPrefix);
}

/**
 * validateDto as it was before validators were compiled, walking class-validator's metadata on every
 * call. Kept as the reference the compiled validators are proven against (compiled-dto-validator.spec).
 */
export function validateDtoReference<T extends object>(
  dto: ClassConstructor<T>,
  plain: Record<string, unknown>,
  pathPrefix = '',
): { ok: true; value: T } | Rejected {
  const instance = instantiateDto(dto, pickDeclared(dtoShape(dto).properties, plain));
  const rejection = referenceRejection(instance, pathPrefix);
  return rejection === undefined
    ? { ok: true, value: instance }
    : reject(rejection.code, rejection.message, rejection.field);
}
