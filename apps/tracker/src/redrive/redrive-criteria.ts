import { DeadLetterRecord } from './dead-letter-record';

/** Which dead letters to redrive; every criterion given must hold. */
export interface RedriveCriteria {
  /** dlq-reason-code values, e.g. EVENT.INVALID_IMEI. */
  codes?: readonly string[];
  sourceTopic?: string;
  /** Offsets in the dead-letter topic, inclusive, optionally within one partition. */
  partition?: number;
  fromOffset?: bigint;
  toOffset?: bigint;
  eventIds?: readonly string[];
  /** CloudEvents sources: with eventIds, names events exactly, since ids are unique per source. */
  eventSources?: readonly string[];
  /** At most this many, in dead-letter order. */
  limit?: number;
  /** Select and report, publish nothing. */
  dryRun: boolean;
}

export function selectsDeadLetter(record: DeadLetterRecord, criteria: RedriveCriteria): boolean {
  const offset = BigInt(record.offset);
  return (
    (criteria.codes === undefined || criteria.codes.includes(record.reasonCode ?? '')) &&
    (criteria.sourceTopic === undefined || record.sourceTopic === criteria.sourceTopic) &&
    (criteria.partition === undefined || record.partition === criteria.partition) &&
    (criteria.fromOffset === undefined || offset >= criteria.fromOffset) &&
    (criteria.toOffset === undefined || offset <= criteria.toOffset) &&
    (criteria.eventIds === undefined ||
      (record.eventId !== undefined && criteria.eventIds.includes(record.eventId))) &&
    (criteria.eventSources === undefined ||
      (record.eventSource !== undefined && criteria.eventSources.includes(record.eventSource)))
  );
}
