import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';

/** pino's levels, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object a line, for machines; `pretty`: one readable line, for a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

function oneOf(values: readonly string[]): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsIn(values, { message: `must be one of ${values.join(', ')}` }),
  ];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** A pino level read from the environment, e.g. LOG_LEVEL. */
export function IsLogLevel(): PropertyDecorator {
  return oneOf(LOG_LEVELS);
}

/** A log format read from the environment, e.g. LOG_FORMAT. */
export function IsLogFormat(): PropertyDecorator {
  return oneOf(LOG_FORMATS);
}
