import { createHash } from 'node:crypto';
import {
  canonicalJson,
  CycleCreditRecord,
  INVALID_MESSAGE_SHAPE,
  MessageProblem,
  readSignedTopicMessage,
  RecordVerifier,
  SIGNATURE_PROBLEMS,
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

/** A record whose signature fails is refused with the failure's own code: each calls for a different fix. */
const SIGNATURE_REFUSALS: ReadonlyMap<string, CreditLineCode> = new Map([
  [SIGNATURE_PROBLEMS.UNSIGNED.code, CreditLineCode.UNSIGNED_CREDIT_RECORD],
  [SIGNATURE_PROBLEMS.UNKNOWN_KEY.code, CreditLineCode.UNKNOWN_SIGNING_KEY],
  [SIGNATURE_PROBLEMS.BAD_SIGNATURE.code, CreditLineCode.BAD_SIGNATURE],
]);

/** Whatever else the contract found wrong, issuance refuses the record with one code; the detail says what. */
function refusedCreditRecord(problem: MessageProblem): CreditLineProblem {
  const signatureCode = SIGNATURE_REFUSALS.get(problem.code);
  if (signatureCode) return { code: signatureCode, message: problem.message, field: problem.field };
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
 * Decodes and checks a consumed batch in memory, in offset order. A record not signed by a trusted
 * tracker key is refused with its signature code, whatever it says; a message that is not a credit
 * record with ISSUANCE.INVALID_CREDIT_RECORD; a change id repeated inside the batch is kept once if
 * the content is the same, refused otherwise.
 */
export function admitCreditRecords(
  messages: readonly ConsumedMessage[],
  verifier: RecordVerifier,
): Admission {
  const admitted = new Map<string, AdmittedRecord>();
  const refused: RefusedMessage[] = [];
  let repeats = 0;
  for (const message of messages) {
    const parsed = readSignedTopicMessage(TOPICS.credited, message, verifier);
    if (!parsed.ok) {
      refused.push({ message, problem: refusedCreditRecord(parsed.problem) });
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
