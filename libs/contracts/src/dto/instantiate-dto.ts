import { ClassConstructor } from 'class-transformer';
import { dtoShape } from './dto-shape';
import { pickDeclared } from './safe-plain';

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `new dto()` holding the declared members of `picked`, nested DTOs instantiated from their `@Type`.
 * What class-transformer's plainToInstance does for these DTOs (no other transform decorator is used),
 * without its generic walk, which cost more than the validation itself on the consumers' hot path.
 */
export function instantiateDto<T extends object>(
  dto: ClassConstructor<T>,
  picked: Record<string, unknown>,
): T {
  const { nested } = dtoShape(dto);
  const instance = new dto() as Record<string, unknown>;
  for (const [key, value] of Object.entries(picked)) {
    const nestedDto = nested.get(key);
    instance[key] =
      nestedDto && isPlainRecord(value)
        ? instantiateDto(nestedDto, pickDeclared(dtoShape(nestedDto).properties, value))
        : value;
  }
  return instance as T;
}
