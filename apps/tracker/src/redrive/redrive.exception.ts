import { CodedError } from '@refurb/contracts';

export const RedriveErrorCode = {
  /** Reading the dead-letter topic made no progress (a partition without a leader, a lost broker). */
  READ_STALLED: 'REDRIVE.READ_STALLED',
  /** The command line does not say what to redrive, or says it wrongly. */
  INVALID_ARGUMENTS: 'REDRIVE.INVALID_ARGUMENTS',
} as const;
export type RedriveErrorCode = (typeof RedriveErrorCode)[keyof typeof RedriveErrorCode];

export class RedriveException extends CodedError<RedriveErrorCode> {
  static readStalled(partitions: number[]): RedriveException {
    return new RedriveException(
      RedriveErrorCode.READ_STALLED,
      `no progress reading dead-letter partitions ${partitions.join(', ')}`,
    );
  }

  static invalidArguments(detail: string): RedriveException {
    return new RedriveException(RedriveErrorCode.INVALID_ARGUMENTS, detail);
  }
}
