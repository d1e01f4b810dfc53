/**
 * A plain JSON object (not an array, not null, not a class instance): what `JSON.parse` gives for `{…}`.
 * The one test every decoder of untrusted JSON starts with.
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}
