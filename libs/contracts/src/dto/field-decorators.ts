import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  ValidationOptions,
} from 'class-validator';
import { TEXT_LIMITS } from '../clean-text';
import { RejectionCode } from '../rejection';
import {
  IsCleanText,
  IsCountryCode,
  IsDeviceIdShape,
  IsKnownPartList,
  IsNotBlank,
  IsNotFormula,
  IsValidImei,
} from './event-validators';

/** What the validator reads back from a failed constraint to choose the rejection code. */
export interface RejectionContext {
  code: RejectionCode;
}

export function isRejectionContext(value: unknown): value is RejectionContext {
  return (
    typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
  );
}

/** Options that make a failed constraint reject with `code` (and, for built-ins, a path-free message). */
export function rejectAs(code: RejectionCode, message?: string): ValidationOptions {
  const context: RejectionContext = { code };
  return message === undefined ? { context } : { context, message };
}

/**
 * Applies decorators in the order listed. Stacked decorators run bottom-up, which would make the
 * validation order read backwards; validated with `stopAtFirstError`, the first failure listed wins.
 */
export function ValidateInOrder(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorator of decorators) decorator(target, propertyKey);
  };
}

export function RequiredField(code: RejectionCode = RejectionCode.MISSING_FIELD): PropertyDecorator {
  return IsDefined(rejectAs(code, 'is required'));
}

export function DeviceIdField(): PropertyDecorator {
  return ValidateInOrder(
    RequiredField(),
    IsDeviceIdShape(rejectAs(RejectionCode.INVALID_DEVICE_ID)),
    IsValidImei(rejectAs(RejectionCode.INVALID_IMEI)),
  );
}

const IsText = () => IsString(rejectAs(RejectionCode.INVALID_FIELD, 'must be a string'));
const IsCleanTextOf = (maxLength: number) => IsCleanText(maxLength, rejectAs(RejectionCode.INVALID_STRING));

/** Trimmed and NFC-normalised on output; blank is refused. */
export function RequiredText(maxLength: number): PropertyDecorator {
  return ValidateInOrder(
    RequiredField(),
    IsText(),
    IsNotBlank(rejectAs(RejectionCode.INVALID_STRING)),
    IsCleanTextOf(maxLength),
  );
}

/** A partner's reference (workshop, order, certificate, source): text that never starts like a formula. */
export function RequiredIdentifier(maxLength: number = TEXT_LIMITS.identifier): PropertyDecorator {
  return ValidateInOrder(RequiredText(maxLength), IsNotFormula(rejectAs(RejectionCode.INVALID_STRING)));
}

/** Trimmed and NFC-normalised on output; null, absent and blank all mean absent. */
export function OptionalText(maxLength: number): PropertyDecorator {
  return ValidateInOrder(IsOptional(), IsText(), IsCleanTextOf(maxLength));
}

export function RequiredOneOf(
  values: readonly string[],
  code: RejectionCode = RejectionCode.INVALID_FIELD,
): PropertyDecorator {
  return ValidateInOrder(
    RequiredField(),
    IsIn([...values], rejectAs(code, `must be one of ${values.join(', ')}`)),
  );
}

/** An upper bound keeps a malformed or hostile event from inflating one cycle's evidence without limit. */
const MAX_PARTS_PER_REPAIR = 32;

export function PartListField(): PropertyDecorator {
  const invalid = (message: string) => rejectAs(RejectionCode.INVALID_FIELD, message);
  return ValidateInOrder(
    RequiredField(),
    IsArray(invalid('must be an array of part names')),
    ArrayNotEmpty(invalid('must name at least one part')),
    ArrayMaxSize(MAX_PARTS_PER_REPAIR, invalid(`must name at most ${MAX_PARTS_PER_REPAIR} parts`)),
    IsKnownPartList(rejectAs(RejectionCode.UNKNOWN_PART)),
  );
}

export function CountryField(): PropertyDecorator {
  return ValidateInOrder(RequiredField(), IsCountryCode(rejectAs(RejectionCode.INVALID_COUNTRY)));
}
