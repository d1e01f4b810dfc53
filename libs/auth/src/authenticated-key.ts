/**
 * Where a service's authentication leaves the id of the key it accepted, so that the request's log line
 * names the key behind it: what was done with a leaked key can then be found in the logs. A symbol, so
 * no body, header or framework property can collide with it.
 */
const AUTHENTICATED_KEY_ID = Symbol.for('refurb-ledger.authenticated-key-id');

type MarkedRequest = { [AUTHENTICATED_KEY_ID]?: string };

export function markAuthenticatedKey(request: object, keyId: string): void {
  (request as MarkedRequest)[AUTHENTICATED_KEY_ID] = keyId;
}

/** The id (never the secret) of the key the request was authenticated with, if any. */
export function authenticatedKeyIdOf(request: object): string | undefined {
  return (request as MarkedRequest)[AUTHENTICATED_KEY_ID];
}
