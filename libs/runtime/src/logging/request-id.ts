import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * What an incoming id may look like to be kept: a UUID, a trace id, a load balancer's `Root=1-...`. The
 * bound and the charset keep a caller from writing log lines of its own choosing (newlines, quotes,
 * escape sequences) or megabytes into every line of its request.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/** The caller's request id if it is well formed, else a new UUID: one id per request, on every log line. */
export function requestIdFor(
  header: string | string[] | undefined,
  generate: () => string = randomUUID,
): string {
  const incoming = Array.isArray(header) ? header[0] : header;
  return incoming !== undefined && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : generate();
}
