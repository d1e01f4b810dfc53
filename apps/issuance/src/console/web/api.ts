/** The session ended (expired, revoked or signed out elsewhere): the page goes back to sign-in. */
export class SessionEnded extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A refusal, with the API's reason code and words, shown to the user as they are. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

/**
 * Every call of the page: the /v1 routes a finance system calls, with the session cookie and the
 * console's header (the guard's CSRF defence; a link or a form of another site cannot send it).
 */
async function request(path: string, { method = 'GET', body }: Call = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'x-console': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Refused(0, 'NETWORK', 'the issuance service cannot be reached; try again');
  }
  if (response.ok) return response;
  const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  const code = answer.code ?? `HTTP.${response.status}`;
  if (response.status === 401 && path !== '/console/api/session') throw new SessionEnded(code);
  throw new Refused(response.status, code, answer.message ?? code);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await request(path, { method, body });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A download's bytes and the name the service gave it. */
export async function download(
  path: string,
): Promise<{ bytes: ArrayBuffer; fileName: string; type: string }> {
  const response = await request(path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split('/').pop() ?? 'download';
  return { bytes: await response.arrayBuffer(), fileName, type: response.headers.get('content-type') ?? '' };
}

/** Hands a download to the browser as a file: the route needs the header, so a plain link cannot. */
export function saveFile(file: { bytes: ArrayBuffer; fileName: string; type: string }): void {
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const consoleSession = {
  signIn: (apiKey: string) =>
    send<import('./shapes').ConsoleSession>('POST', '/console/api/session', { apiKey }),
  current: () => getJson<import('./shapes').ConsoleSession>('/console/api/session'),
  signOut: () => send<void>('DELETE', '/console/api/session'),
};
