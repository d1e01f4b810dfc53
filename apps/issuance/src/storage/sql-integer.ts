/**
 * node-postgres returns bigint and numeric as strings, so that nothing is silently rounded. Gram
 * figures and serials are far below 2^53 (see libs/issuance batch-totals), and this says so loudly
 * if one ever is not.
 */
export function sqlInteger(value: string | number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`${value} is not a safe integer`);
  return number;
}

export function sqlIntegerOrNull(value: string | number | null): number | null {
  return value === null ? null : sqlInteger(value);
}
