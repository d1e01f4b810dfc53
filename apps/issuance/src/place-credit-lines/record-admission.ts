import { createHash } from 'node:crypto';
import {
  canonicalJson,
  CycleCreditRecord,
  INVALID_MESSAGE_SHAPE,
  MessageProblem,
  readTopicMessage,
  TOPICS,
} from '@refurb/contracts';
import { CreditLineCode, CreditLineProblem } from '@refurb/issuance';
import { ConsumedMessage } from '@refurb/kafka';

export interface AdmittedRecord {
  message: ConsumedMessage;
  record: CycleCreditRecord;
  /** sha256 of the canonical record data (its `time` is not part of its identity). */
  contentHash: string;
}

export interface RefusedMessage {
  message: ConsumedMessage;
  problem: CreditLineProblem;
}

export interface Admission {
  admitted: AdmittedRecord[];
  refused: RefusedMessage[];
  /** Exact repeats inside the batch, kept once. */
  repeats: number;
}

function contentHashOf(record: CycleCreditRecord): string {
  return createHash('sha256').update(canonicalJson(record.data)).digest('hex');
}

/** Whatever the contract found wrong, issuance refuses the record with one code; the detail says what. */
function invalidCreditRecord(problem: MessageProblem): CreditLineProblem {
  const detail =
    problem.code === INVALID_MESSAGE_SHAPE ? problem.message : `${problem.code}: ${problem.message}`;
  return { code: CreditLineCode.INVALID_CREDIT_RECORD, message: detail, field: problem.field };
}

export function changeIdReused(changeId: string): CreditLineProblem {
  return {
    code: CreditLineCode.CHANGE_ID_REUSED,
    message: `change ${JSON.stringify(changeId)} was already received with different content`,
    field: 'id',
  };
}

/**
 * Decodes and checks a consumed batch in memory, in offset order. A message that is not a credit
 * record is refused with ISSUANCE.INVALID_CREDIT_RECORD; a change id repeated inside the batch is
 * kept once if the content is the same, refused otherwise.
 */
export function admitCreditRecords(messages: readonly ConsumedMessage[]): Admission {
  const admitted = new Map<string, AdmittedRecord>();
  const refused: RefusedMessage[] = [];
  let repeats = 0;
  for (const message of messages) {
    const parsed = readTopicMessage(TOPICS.credited, message);
    if (!parsed.ok) {
      refused.push({ message, problem: invalidCreditRecord(parsed.problem) });
      continue;
    }
    const record = parsed.message;
    const contentHash = contentHashOf(record);
    const earlier = admitted.get(record.id);
    if (!earlier) admitted.set(record.id, { message, record: record, contentHash });
    else if (earlier.contentHash === contentHash) repeats += 1;
    else refused.push({ message, problem: changeIdReused(record.id) });
  }
  return { admitted: [...admitted.values()], refused, repeats };
}
