import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import {
  codePointLength,
  containsForbiddenCharacters,
  findTextProblem,
  isBlank,
  startsLikeFormula,
  TEXT_LIMITS,
} from '../clean-text';
import { normaliseCountryCode } from '../country-code';
import { isPartName } from '../device-parts';
import { normaliseDeviceId } from '../device-id';
import { isJsonMediaType } from '../media-type';
import { RejectionCode } from '../rejection';
import { parseRfc3339 } from '../rfc3339';

// Each validator judges one aspect and lets values of another JSON type pass, leaving them to the type
// check listed before it: so at most one constraint fails per property and its code is unambiguous.

function deviceIdFailure(value: unknown): RejectionCode | undefined {
  const result = normaliseDeviceId(value);
  return result.ok ? undefined : result.rejection.code;
}

function deviceIdMessage({ value }: ValidationArguments): string {
  const result = normaliseDeviceId(value);
  return result.ok ? 'is valid' : result.rejection.message;
}

/** Fails unless the value normalises to a device id or is at least IMEI-shaped (see IsValidImei). */
export function IsDeviceIdShape(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDeviceIdShape',
      validator: {
        validate: (value: unknown) => deviceIdFailure(value) !== RejectionCode.INVALID_DEVICE_ID,
        defaultMessage: deviceIdMessage,
      },
    },
    options,
  );
}

/** Fails only for IMEI-shaped values with the wrong length or check digit. */
export function IsValidImei(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isValidImei',
      validator: {
        validate: (value: unknown) => deviceIdFailure(value) !== RejectionCode.INVALID_IMEI,
        defaultMessage: deviceIdMessage,
      },
    },
    options,
  );
}

export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isBlank(value),
        defaultMessage: () => 'must not be blank',
      },
    },
    options,
  );
}

export function IsCleanText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCleanText',
      constraints: [maxLength],
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || findTextProblem(value, maxLength) === undefined,
        defaultMessage: ({ value }: ValidationArguments) =>
          (typeof value === 'string' && findTextProblem(value, maxLength)) || 'is not clean text',
      },
    },
    options,
  );
}

export function IsNotFormula(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotFormula',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !startsLikeFormula(value),
        defaultMessage: () => 'must not start with =, +, - or @ (a spreadsheet would run it as a formula)',
      },
    },
    options,
  );
}

function firstUnknownPart(value: unknown[]): number {
  return value.findIndex((part) => !isPartName(part));
}

export function IsKnownPartList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKnownPartList',
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || firstUnknownPart(value) === -1,
        defaultMessage: ({ value }: ValidationArguments) => {
          const parts = value as unknown[];
          const index = firstUnknownPart(parts);
          return `item ${index} (${JSON.stringify(parts[index]) ?? 'undefined'}) is not a known part name`;
        },
      },
    },
    options,
  );
}

export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) => normaliseCountryCode(value) !== undefined,
        defaultMessage: () => 'must be an assigned ISO 3166-1 alpha-2 country code',
      },
    },
    options,
  );
}

export function IsRfc3339(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRfc3339',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseRfc3339(value) !== undefined,
        defaultMessage: () =>
          'must be an RFC 3339 timestamp with a time-zone offset, e.g. 2025-03-14T09:26:53Z',
      },
    },
    options,
  );
}

/** CloudEvents ids are compared verbatim, so unlike other text they are checked but never trimmed. */
export function IsEventId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEventId',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          !isBlank(value) &&
          !containsForbiddenCharacters(value) &&
          codePointLength(value) <= TEXT_LIMITS.eventId,
        defaultMessage: () =>
          `must be a non-blank printable string of at most ${TEXT_LIMITS.eventId} characters`,
      },
    },
    options,
  );
}

export function IsJsonMediaType(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonMediaType',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isJsonMediaType(value),
        defaultMessage: () => 'must be application/json (event data is JSON)',
      },
    },
    options,
  );
}

export function IsAbsent(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAbsent',
      validator: {
        validate: (value: unknown) => value === undefined || value === null,
        defaultMessage: () => 'is not supported (event data is JSON)',
      },
    },
    options,
  );
}
