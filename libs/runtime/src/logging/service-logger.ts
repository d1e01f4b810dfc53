import { LogFormat, LogLevelName, REDACTED, redactSecretsInText } from '@refurb/config';
import { hostname } from 'node:os';
import pino, { DestinationStream, Logger as PinoInstance } from 'pino';
import { prettyLogLine } from './pretty-log-line';

/** How one service logs: LOG_LEVEL and LOG_FORMAT, and where the lines go. */
export interface ServiceLogging {
  level?: LogLevelName;
  format?: LogFormat;
  /** Standard output unless given: tests pass a stream to read what the service logged. */
  destination?: DestinationStream;
}

/**
 * Paths pino blanks in every record. The headers that carry credentials (API keys go in Authorization or
 * X-Api-Key, docs/architecture.md#services) and fields named like key material, at the top of a record
 * or one object down. URLs with passwords are caught later, on the whole line (redactSecretsInText).
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...['apiKey', 'password', 'secret', 'token', 'authorization'].flatMap((field) => [field, `*.${field}`]),
];

/**
 * The service's one pino logger: JSON lines with an ISO time and the level's name, the service's name on
 * each, secrets removed twice over (named paths, then any URL password left in the finished line).
 */
export function createServiceLogger(service: string, logging: ServiceLogging = {}): PinoInstance {
  const output = logging.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: logging.level ?? 'info',
      base: { service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
      hooks: { streamWrite: redactSecretsInText },
    },
    logging.format === 'pretty'
      ? prettyStream(output, logging.destination === undefined && process.stdout.isTTY)
      : output,
  );
}

/** Rewrites each JSON line into prettyLogLine's form on its way to the real destination. */
function prettyStream(output: DestinationStream, colour: boolean): DestinationStream {
  return {
    write: (line: string) => output.write(`${prettyLogLine(line.trimEnd(), { colour })}\n`),
  };
}

/** A service's logging as its validated environment sets it (LOG_LEVEL, LOG_FORMAT). */
export function loggingFrom(env: { LOG_LEVEL: LogLevelName; LOG_FORMAT: LogFormat }): ServiceLogging {
  return { level: env.LOG_LEVEL, format: env.LOG_FORMAT };
}
