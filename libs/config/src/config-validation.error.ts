import { CodedError } from '@refurb/contracts';

/** One environment variable that failed validation, named so an operator can fix it. */
export interface InvalidVariable {
  variable: string;
  value: string | undefined;
  problems: string[];
}

/** Thrown at boot when the environment is invalid; the message names every bad variable. */
export class ConfigValidationError extends CodedError<'CONFIG.INVALID_ENVIRONMENT'> {
  constructor(readonly invalid: InvalidVariable[]) {
    super(
      'CONFIG.INVALID_ENVIRONMENT',
      'Invalid environment configuration:\n' +
        invalid
          .map((v) => `  - ${v.variable}=${JSON.stringify(v.value ?? null)}: ${v.problems.join('; ')}`)
          .join('\n'),
    );
  }
}
