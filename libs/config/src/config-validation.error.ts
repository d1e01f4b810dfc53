import { CodedError } from '@refurb/contracts';
import { displayableValue } from './redact-secrets';

/** One environment variable that failed validation, named so an operator can fix it. */
export interface InvalidVariable {
  variable: string;
  /** As it may be printed: a secret variable's value hidden, a URL's password masked. */
  value: string | undefined;
  problems: string[];
}

/**
 * Thrown at boot when the environment is invalid; the message names every bad variable. The values it
 * quotes are redacted first: a malformed DATABASE_URL is still likely to carry the real password, and this
 * message goes to the log.
 */
export class ConfigValidationError extends CodedError<'CONFIG.INVALID_ENVIRONMENT'> {
  readonly invalid: InvalidVariable[];

  constructor(invalid: InvalidVariable[]) {
    const shown = invalid.map((v) => ({ ...v, value: displayableValue(v.variable, v.value) }));
    super(
      'CONFIG.INVALID_ENVIRONMENT',
      'Invalid environment configuration:\n' +
        shown
          .map((v) => `  - ${v.variable}=${JSON.stringify(v.value ?? null)}: ${v.problems.join('; ')}`)
          .join('\n'),
    );
    this.invalid = shown;
  }
}
