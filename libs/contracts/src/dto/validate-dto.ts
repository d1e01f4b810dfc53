import { ClassConstructor } from 'class-transformer';
import { reject, Rejected } from '../rejection';
import { compileDtoValidator, NOT_COMPILED } from './compile-dto-validator';
import { dtoShape } from './dto-shape';
import { instantiateDto } from './instantiate-dto';
import { pickDeclared } from './safe-plain';
import { referenceRejection } from './validate-dto-reference';

/**
 * Instantiates `dto` from the declared properties of `plain` and validates it. Undeclared members
 * are left behind, which is how unknown properties of `data` and envelope extensions are stripped.
 *
 * Validation runs the DTO's compiled validator (compile-dto-validator.ts): class-validator's own
 * constraints without its per-call metadata walk, proven to give validateDtoReference's verdicts,
 * codes and messages (compiled-dto-validator.spec.ts). A class or an input the compiler does not
 * mirror is validated by validateSync, as before.
 */
export function validateDto<T extends object>(
  dto: ClassConstructor<T>,
  plain: Record<string, unknown>,
  pathPrefix = '',
): { ok: true; value: T } | Rejected {
  const instance = instantiateDto(dto, pickDeclared(dtoShape(dto).properties, plain));
  const compilation = compileDtoValidator(dto);
  let rejection = compilation.ok ? compilation.validate(instance, pathPrefix) : NOT_COMPILED;
  if (rejection === NOT_COMPILED) rejection = referenceRejection(instance, pathPrefix);
  return rejection === undefined
    ? { ok: true, value: instance }
    : reject(rejection.code, rejection.message, rejection.field);
}
