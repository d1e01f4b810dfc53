import { containsForbiddenCharacters } from '../clean-text';
import { isJsonObject } from '../json-object';

/** The first problem found in a JSON document, with the path of the offending value. */
export class JsonShapeError extends Error {
  override readonly name = 'JsonShapeError';

  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Reads typed members out of untrusted JSON, throwing JsonShapeError at the first mismatch. Used by
 * parsers that turn the error into a result at their boundary, so the checks read as a declaration
 * of the shape instead of a cascade of ifs.
 */
export class JsonReader {
  private constructor(
    private readonly value: Record<string, unknown>,
    private readonly path: string,
  ) {}

  static of(value: unknown, path = ''): JsonReader {
    if (!isJsonObject(value))
      throw new JsonShapeError(path || '(root)', `must be an object, got ${describe(value)}`);
    return new JsonReader(value, path);
  }

  pathOf(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  fail(key: string, problem: string): never {
    throw new JsonShapeError(this.pathOf(key), problem);
  }

  check(condition: boolean, key: string, problem: string): void {
    if (!condition) this.fail(key, problem);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.value, key) && this.value[key] !== undefined && this.value[key] !== null;
  }

  object(key: string): JsonReader {
    return JsonReader.of(this.required(key), this.pathOf(key));
  }

  /** A printable string of 1..maxLength characters, optionally matching a pattern. */
  text(key: string, maxLength = 256, pattern?: RegExp): string {
    const value = this.required(key);
    if (typeof value !== 'string') this.fail(key, `must be a string, got ${describe(value)}`);
    if (value.length === 0 || value.trim() !== value) this.fail(key, 'must be non-blank and trimmed');
    if (Array.from(value).length > maxLength) this.fail(key, `must be at most ${maxLength} characters`);
    if (containsForbiddenCharacters(value)) this.fail(key, 'must not contain control characters');
    if (pattern && !pattern.test(value)) this.fail(key, `must match ${pattern.source}`);
    return value;
  }

  integer(key: string, min: number, max: number): number {
    const value = this.required(key);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      this.fail(key, `must be a whole number, got ${describe(value)}`);
    }
    if (value < min || value > max) this.fail(key, `must be between ${min} and ${max}, got ${value}`);
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.required(key);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(key, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /** Each element read as an object by `read`, at most `maxItems` of them. */
  list<T>(key: string, maxItems: number, read: (item: JsonReader) => T): T[] {
    const value = this.required(key);
    if (!Array.isArray(value)) this.fail(key, `must be an array, got ${describe(value)}`);
    if (value.length > maxItems) this.fail(key, `must have at most ${maxItems} items`);
    return value.map((item: unknown, index) => read(JsonReader.of(item, `${this.pathOf(key)}[${index}]`)));
  }

  /** Null when the member is null or absent, else what `read` makes of it. */
  orNull<T>(key: string, read: (reader: JsonReader, key: string) => T): T | null {
    return this.has(key) ? read(this, key) : null;
  }

  absent(key: string, why: string): undefined {
    if (this.has(key)) this.fail(key, why);
    return undefined;
  }

  private required(key: string): unknown {
    if (!this.has(key)) this.fail(key, 'is required');
    return this.value[key];
  }
}
