import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { INestApplicationContext } from '@nestjs/common';
import { IssuanceException } from './issuance.exception';

function problems(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((problem) => `${error.property}: ${problem}`),
    ...problems(error.children ?? []),
  ]);
}

/** Command-line input checked by the same DTO classes as the HTTP API, so both accept the same values. */
export function validatedInput<T extends object>(dto: new () => T, plain: Record<string, unknown>): T {
  const defined = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined));
  const instance = plainToInstance(dto, defined);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new IssuanceException('ISSUANCE.INVALID_REQUEST', problems(errors).join('; '));
  return instance;
}

/** The options every operator command may take; each command reads those it needs. */
export const COMMAND_OPTIONS = {
  role: { type: 'string' },
  label: { type: 'string' },
  project: { type: 'string' },
  vintage: { type: 'string' },
  state: { type: 'string' },
  limit: { type: 'string' },
  verifier: { type: 'string' },
  report: { type: 'string' },
  registry: { type: 'string' },
  company: { type: 'string' },
  country: { type: 'string' },
  'discount-bp': { type: 'string' },
  name: { type: 'string' },
  'valid-from': { type: 'string' },
} as const;

export type CommandOptions = Partial<Record<keyof typeof COMMAND_OPTIONS, string>>;

/** One parsed command line: its options and the argument after the command's name (an id). */
export interface CommandLine {
  options: CommandOptions;
  argument?: string;
}

export interface CommandResult {
  /** JSON for everything but the evidence CSV. */
  output: unknown;
  exitCode: number;
}

/**
 * One operator command (`npm run issuance -- <name> ...`), declared beside the use case it runs and run
 * against an application context of IssuanceCliModule (or the service).
 */
export interface IssuanceCommand {
  /** One or two words, e.g. `place-pending` or `batch close`. */
  name: string;
  /** Its arguments and options in the usage text, e.g. `<batchId> --registry <reference>`. */
  usage: string;
  /** What it prints or how it exits, when the name does not say. */
  description?: string;
  run(app: INestApplicationContext, line: CommandLine): Promise<CommandResult>;
}

export function done(output: unknown, exitCode = 0): CommandResult {
  return { output, exitCode };
}

/** A command line that does not follow the usage: refused as an invalid request, with the usage text. */
export class CommandUsageError extends IssuanceException {
  constructor(readonly problem: string) {
    super('ISSUANCE.INVALID_REQUEST', problem);
  }
}

export function requiredArgument(line: CommandLine, what: string): string {
  if (line.argument === undefined) throw new CommandUsageError(`missing ${what}`);
  return line.argument;
}

/** A whole number as the DTOs expect it; anything else becomes NaN for them to refuse. */
export function integerOption(value: string | undefined): number | undefined {
  return value === undefined ? undefined : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}
