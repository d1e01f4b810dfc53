import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { IssuanceException } from '../issuance.exception';

function problems(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((problem) => `${error.property}: ${problem}`),
    ...problems(error.children ?? []),
  ]);
}

/** Command-line input checked by the same DTO classes as the HTTP API, so both accept the same values. */
export function validatedInput<T extends object>(dto: new () => T, plain: Record<string, unknown>): T {
  const defined = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined));
  const instance = plainToInstance(dto, defined);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new IssuanceException('ISSUANCE.INVALID_REQUEST', problems(errors).join('; '));
  return instance;
}
