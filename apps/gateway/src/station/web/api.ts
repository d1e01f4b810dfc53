import type { BenchDevice } from '../bench-device';
import type { StationSessionView } from '../station-session-view';

/** The session ended (expired, revoked or signed out elsewhere): the page goes back to sign-in. */
export class SessionEnded extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The gateway did not answer, or answered that it cannot take the request now: retry later. */
export class Unreachable extends Error {}

/** A refusal of the request itself (not of one event), with the gateway's code. */
export class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface EventAnswer {
  id: string | null;
  status: 'accepted' | 'rejected';
  code?: string;
  message?: string;
}

const API = '/station/api';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      credentials: 'same-origin',
      // The custom header is the CSRF defence the gateway checks on every change.
      headers: { 'x-station': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Unreachable('network');
  }
  if (response.status === 204) return undefined as T;
  const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (response.ok) return answer as T;
  if (response.status >= 500 || response.status === 429) throw new Unreachable(answer.code ?? 'unavailable');
  const code = answer.code ?? `HTTP ${response.status}`;
  // A 401 to sign-in is a bad key; anywhere else the session is gone.
  if (response.status === 401 && !(method === 'POST' && path === '/session')) throw new SessionEnded(code);
  throw new Refused(code, answer.message ?? code);
}

export const stationApi = {
  signIn: (apiKey: string) => call<StationSessionView>('POST', '/session', { apiKey }),
  session: () => call<StationSessionView>('GET', '/session'),
  signOut: () => call<void>('DELETE', '/session'),
  device: (deviceId: string) => call<BenchDevice>('GET', `/devices/${encodeURIComponent(deviceId)}`),
  send: (events: readonly unknown[]) => call<{ results: EventAnswer[] }>('POST', '/events', events),
};
