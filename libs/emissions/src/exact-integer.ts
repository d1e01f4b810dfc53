import { EmissionsException } from './emissions.exception';

// Factors are only bounded by Number.MAX_SAFE_INTEGER, so products such as mass * km * g/tkm or
// (10000 - s_bp) * new_g can exceed 2^53 and silently lose precision as doubles. Every product is
// therefore taken in BigInt and only the final figure is converted back, after a range check.

export function big(value: number): bigint {
  return BigInt(value);
}

/** Floor of a / b for a >= 0, b > 0 (BigInt division truncates, which equals floor there). */
export function floorDivNonNegative(a: bigint, b: bigint): bigint {
  return a / b;
}

/** Ceiling of a / b for a >= 0, b > 0. */
export function ceilDivNonNegative(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new EmissionsException('EMISSIONS.INTEGER_OVERFLOW', `${what} = ${value} is not a safe integer`);
  }
  return Number(value);
}
