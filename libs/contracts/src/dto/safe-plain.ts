// class-transformer guesses a nested object's class from its `constructor` property, so a JSON member
// named "constructor" makes it throw; and deep nesting would overflow the stack. No event field is
// named so or nested deeper than the transport leg, so dropping them changes no valid event.
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 4;

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy holding only JSON data: plain objects and arrays are copied without unsafe keys, anything else
 * that is an object (class instances, Dates, Maps, values nested too deep) becomes `{}` so that it
 * fails the type check of whatever field it sits in.
 */
function toSafePlain(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return {};
  if (Array.isArray(value)) return value.map((item: unknown) => toSafePlain(item, depth + 1));
  if (!isPlainObject(value)) return {};
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!UNSAFE_KEYS.has(key)) copy[key] = toSafePlain(value[key], depth + 1);
  }
  return copy;
}

/** The declared properties of `dto` present in `plain`, made safe; undeclared members are never copied. */
export function pickDeclared(
  declared: readonly string[],
  plain: Record<string, unknown>,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of declared) {
    if (Object.prototype.hasOwnProperty.call(plain, key)) picked[key] = toSafePlain(plain[key], 1);
  }
  return picked;
}
