import { normaliseCountryCode } from '../country-code';
import { canonicalDeviceId } from '../device-id';
import { PART_NAMES, PartName, TransportLeg } from '../device-category';
import { normaliseText } from '../clean-text';
import { toTransportLeg, TransportLegDto } from './transport-leg.dto';

// Used only after validation passed, so a failure here is a bug in this library, hence the throws.

export function requiredText(value: string): string {
  return normaliseText(value);
}

/** Spreads to `{ [key]: text }`, or to nothing when absent or blank, so outputs never hold `undefined`. */
export function optionalText<K extends string>(
  key: K,
  value: string | null | undefined,
): Partial<Record<K, string>> {
  if (value === null || value === undefined) return {};
  const text = normaliseText(value);
  return text.length === 0 ? {} : ({ [key]: text } as Partial<Record<K, string>>);
}

export function optionalTransport(value: TransportLegDto | null | undefined): { transport?: TransportLeg } {
  return value === null || value === undefined ? {} : { transport: toTransportLeg(value) };
}

export function deviceIdOf(value: string): string {
  return canonicalDeviceId(value);
}

export function countryOf(value: string): string {
  const code = normaliseCountryCode(value);
  if (code === undefined) throw new TypeError(`country ${value} passed validation but does not normalise`);
  return code;
}

/** Canonical order, duplicates kept: a repair listing two batteries replaced two batteries. */
export function sortedParts(parts: readonly PartName[]): PartName[] {
  return [...parts].sort((a, b) => PART_NAMES.indexOf(a) - PART_NAMES.indexOf(b));
}
