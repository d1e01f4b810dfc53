import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { IsCleanText, IsNotBlank, normaliseText, ValidateInOrder } from '@refurb/contracts';

/** A required free-text field, NFC-normalised and trimmed, with the event text rules of libs/contracts. */
export function TextField(maxLength: number): PropertyDecorator {
  return ValidateInOrder(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseText(value) : value)),
    IsString(),
    IsNotBlank(),
    IsCleanText(maxLength),
  );
}
