const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  trace: '\x1b[90m',
  debug: '\x1b[36m',
  info: '\x1b[32m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
  fatal: '\x1b[35m',
};

/** Shown by position or summarised by the message (an HTTP line's msg already says method, path, status). */
const OMITTED = new Set([
  'time',
  'level',
  'msg',
  'context',
  'service',
  'pid',
  'hostname',
  'req',
  'res',
  'err',
]);

interface ErrorFields {
  message?: unknown;
  stack?: unknown;
}

/**
 * One JSON log line (pino's shape) as one line a person reads: `12:04:31.207 INFO  [context] message
 * key=value`, an error's stack indented below. Anything that is not a JSON object comes back unchanged,
 * so a stray `console.log` or a crash trace still shows. Used for LOG_FORMAT=pretty and by `npm start
 * -- --logs`, which reads the services' JSON logs.
 */
export function prettyLogLine(line: string, options: { colour?: boolean } = {}): string {
  const record = parseObject(line);
  if (!record) return line;
  const level = levelName(record.level);
  const levelText = level.toUpperCase().padEnd(5);
  const parts = [
    timeOf(record.time),
    options.colour ? `${LEVEL_COLOURS[level] ?? ''}${levelText}\x1b[0m` : levelText,
    typeof record.context === 'string' ? `[${record.context}]` : undefined,
    typeof record.msg === 'string' ? record.msg : undefined,
    ...Object.entries(record)
      .filter(([key]) => !OMITTED.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`),
  ];
  const text = parts.filter((part) => part !== undefined && part !== '').join(' ');
  const error = record.err as ErrorFields | undefined;
  if (!error) return text;
  const detail = [error.stack, error.message].find((text) => typeof text === 'string') ?? '';
  return `${text}\n${detail.replace(/^/gm, '    ')}`;
}

function levelName(level: unknown): string {
  if (typeof level === 'number') return LEVEL_NAMES[level] ?? String(level);
  return typeof level === 'string' ? level : '';
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The time of day, in local time: a terminal is read by someone in that time zone. */
function timeOf(time: unknown): string | undefined {
  if (typeof time !== 'string' && typeof time !== 'number') return undefined;
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return undefined;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
