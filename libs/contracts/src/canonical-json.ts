function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** Any realm's Object.prototype counts (structuredClone and vm contexts build objects in another). */
function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function serialise(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  if (hasToJson(value)) return serialise(value.toJSON(), ancestors);
  if (ancestors.has(value)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item: unknown) => serialise(item, ancestors)).join(',')}]`;
    }
    if (!isPlainObject(value)) {
      throw new TypeError(`canonicalJson: ${Object.prototype.toString.call(value)} is not plain JSON data`);
    }
    const members = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${serialise(value[key], ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace (the key order of RFC 8785),
 * so equal data always yields equal text: usable to compare two deliveries of an event or to hash it.
 * Like JSON.stringify, undefined members are omitted and toJSON (Date) is honoured; unlike it,
 * non-finite numbers, functions, symbols, bigints, Maps/Sets and cycles throw, because silently
 * turning them into null or {} would make different values compare equal.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, new Set());
}
