import { KeyMaterialSource, readKeyMaterial } from '@refurb/config';

/**
 * What one read of the tracker's API gave; `failed` covers no answer, a timeout and any other status
 * (`reason` is safe to show a client; `detail`, with the tracker's address or the error, is for the logs).
 */
export type TrackerRead<T> =
  | { outcome: 'found'; body: T }
  | { outcome: 'not-found' }
  | { outcome: 'failed'; reason: string; detail?: string; cause?: unknown };

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * A tracker key configured inline or as a file (`<VARIABLE>` / `<VARIABLE>_FILE`), trimmed, or undefined
 * when neither is set: a service without one still starts, and answers 503 where it needs the tracker.
 */
export function optionalTrackerApiKey(source: KeyMaterialSource): string | undefined {
  if (source.inline === undefined && source.file === undefined) return undefined;
  return readKeyMaterial(source).pem.trim();
}

/**
 * Authenticated GETs of the tracker's API (a key of one of its roles as a bearer token), shared by the
 * services that read devices from it: the gateway's scan station (role `station`) and issuance's
 * verifier drill-down (role `auditor`).
 */
export class TrackerApiReader {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /** `pathAndQuery` is relative to the tracker's base URL, e.g. `/v1/devices/x?limit=1000`. */
  async get<T>(pathAndQuery: string): Promise<TrackerRead<T>> {
    const url = new URL(pathAndQuery, this.baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.apiKey}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // The reason may reach a client: the tracker's address and the error's text stay in `detail`.
      return {
        outcome: 'failed',
        reason: 'the tracker did not answer',
        detail: `${url.origin}: ${String((error as { message?: unknown })?.message ?? error)}`,
        cause: error,
      };
    }
    if (response.status === 404) {
      await response.arrayBuffer();
      return { outcome: 'not-found' };
    }
    if (!response.ok) {
      await response.arrayBuffer();
      return { outcome: 'failed', reason: `the tracker answered ${response.status}` };
    }
    return { outcome: 'found', body: (await response.json()) as T };
  }

  /** The path of a device's page of events (the tracker accepts up to 1000 per page). */
  static devicePath(deviceId: string, limit: number): string {
    return `/v1/devices/${encodeURIComponent(deviceId)}?limit=${limit}`;
  }
}
