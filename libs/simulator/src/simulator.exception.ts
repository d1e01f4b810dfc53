import { CodedError } from '@refurb/contracts';

/** Dotted codes of the simulator's failures (docs/conventions.md#error-codes). */
export const SimulatorErrorCode = {
  /** An option is out of range; the message names it. */
  INVALID_OPTION: 'SIMULATOR.INVALID_OPTION',
  /** A command line the CLI cannot run (unknown flag, missing value, missing API key). */
  INVALID_ARGUMENTS: 'SIMULATOR.INVALID_ARGUMENTS',
  /** The gateway answered something a correct client never gets (bad key, 4xx on a well-formed batch...). */
  GATEWAY_REFUSED: 'SIMULATOR.GATEWAY_REFUSED',
  /** The gateway kept answering 429/503 or could not be reached after every retry. */
  GATEWAY_UNAVAILABLE: 'SIMULATOR.GATEWAY_UNAVAILABLE',
} as const;
export type SimulatorErrorCode = (typeof SimulatorErrorCode)[keyof typeof SimulatorErrorCode];

export class SimulatorException extends CodedError<SimulatorErrorCode> {
  constructor(code: SimulatorErrorCode, message: string, options?: ErrorOptions) {
    super(code, `${code}: ${message}`, options);
  }
}
