/** The parts of the gateway's answers the simulator reads (apps/gateway ingest-result.ts and error DTO). */
export interface IngestAnswer {
  accepted: number;
  rejected: number;
  results: ({ status: 'accepted' } | { status: 'rejected'; code: string })[];
}

export interface ErrorAnswer {
  code: string;
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResult(value: unknown): value is IngestAnswer['results'][number] {
  if (!isObject(value)) return false;
  return value.status === 'accepted' || (value.status === 'rejected' && typeof value.code === 'string');
}

export function isIngestAnswer(value: unknown): value is IngestAnswer {
  return (
    isObject(value) &&
    typeof value.accepted === 'number' &&
    typeof value.rejected === 'number' &&
    Array.isArray(value.results) &&
    value.results.every(isResult)
  );
}

export function isErrorAnswer(value: unknown): value is ErrorAnswer {
  return isObject(value) && typeof value.code === 'string' && typeof value.message === 'string';
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now; undefined if absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
