import { decodeCloudEvent, KafkaMessageLike } from '../cloud-event-codec';
import { AnyDeviceEvent } from '../device-event';
import { Rejection } from '../rejection';
import { InputTopic, TOPICS } from '../topics';
import { validateDeviceEvent } from '../validate-device-event';
import { BatchTransitionRecord, parseBatchTransitionRecord } from './batch-transition-record';
import { CycleCreditRecord, parseCycleCreditRecord } from './cycle-credit-record';
import { MessageProblem, MessageRead } from './message-read';
import { RecordVerifier, SIGNATURE_ATTRIBUTES, SignatureFailureCode } from '../signing/record-signature';

export interface MessageContext {
  /** Device events dated after it (beyond the allowed clock skew) are refused. */
  now: Date;
}

/** How one topic's records are read: decoded, checked against the contract, typed. */
export interface TopicMessageFormat<T, Problem extends MessageProblem = MessageProblem> {
  read(message: KafkaMessageLike, context: MessageContext): MessageRead<T, Problem>;
}

/** A structured or binary CloudEvent whose envelope `parse` checks. */
function cloudEventFormat<T>(parse: (envelope: unknown) => MessageRead<T>): TopicMessageFormat<T> {
  return {
    read(message) {
      const decoded = decodeCloudEvent(message);
      return decoded.ok ? parse(decoded.envelope) : { ok: false, problem: decoded.rejection };
    },
  };
}

/** Partners' device events: refusals carry the rejection codes partners are promised (EVENT.*, ENVELOPE.*). */
const deviceEvents: TopicMessageFormat<AnyDeviceEvent, Rejection> = {
  read(message, { now }) {
    const decoded = decodeCloudEvent(message);
    if (!decoded.ok) return { ok: false, problem: decoded.rejection };
    const validated = validateDeviceEvent(decoded.envelope, { now });
    return validated.ok
      ? { ok: true, message: validated.event }
      : { ok: false, problem: validated.rejection };
  },
};

/**
 * The one registry of what each topic carries. A consumer names the topic it expects a message from
 * and gets that topic's payload type, or a problem to dead-letter: no payload is read by hand. The
 * dead-letter topic carries other topics' refused messages unchanged, so it has no format of its own.
 */
export const TOPIC_MESSAGES = {
  [TOPICS.collection]: deviceEvents,
  [TOPICS.repair]: deviceEvents,
  [TOPICS.refurbishment]: deviceEvents,
  [TOPICS.resale]: deviceEvents,
  [TOPICS.credited]: cloudEventFormat<CycleCreditRecord>(parseCycleCreditRecord),
  [TOPICS.batches]: cloudEventFormat<BatchTransitionRecord>(parseBatchTransitionRecord),
} as const satisfies Record<InputTopic | typeof TOPICS.credited | typeof TOPICS.batches, unknown>;

export type MessageTopic = keyof typeof TOPIC_MESSAGES;
export type TopicPayload<T extends MessageTopic> =
  (typeof TOPIC_MESSAGES)[T] extends TopicMessageFormat<infer Payload, MessageProblem> ? Payload : never;
export type TopicProblem<T extends MessageTopic> =
  (typeof TOPIC_MESSAGES)[T] extends TopicMessageFormat<unknown, infer Problem> ? Problem : never;

/** The message `topic` carries, read from one of its records, or why that record is not one. */
export function readTopicMessage<T extends MessageTopic>(
  topic: T,
  message: KafkaMessageLike,
  context: MessageContext = { now: new Date() },
): MessageRead<TopicPayload<T>, TopicProblem<T>> {
  const format = TOPIC_MESSAGES[topic] as TopicMessageFormat<TopicPayload<T>, TopicProblem<T>>;
  return format.read(message, context);
}

/** Topics only one service may write: their records are believed for their signature, never for the topic. */
export type SignedTopic = typeof TOPICS.credited | typeof TOPICS.batches;

/** Why a record of a signed topic is not believed, before its content is even read. */
export const SIGNATURE_PROBLEMS: Readonly<Record<SignatureFailureCode, { code: string; message: string }>> = {
  UNSIGNED: { code: 'SIGNATURE.UNSIGNED', message: 'the record carries no signature and key id' },
  UNKNOWN_KEY: {
    code: 'SIGNATURE.UNKNOWN_KEY',
    message: 'the record is signed by a key that is not trusted',
  },
  BAD_SIGNATURE: { code: 'SIGNATURE.BAD_SIGNATURE', message: 'the signature does not match the record' },
};

/**
 * The message of a signed topic: decoded, its signature checked against the trusted keys over the
 * bytes as received, and only then read against the contract.
 */
export function readSignedTopicMessage<T extends SignedTopic>(
  topic: T,
  message: KafkaMessageLike,
  verifier: RecordVerifier,
): MessageRead<TopicPayload<T>> {
  const decoded = decodeCloudEvent(message);
  if (!decoded.ok) return { ok: false, problem: decoded.rejection };
  const verdict = verifier.verify(decoded.envelope);
  if (!verdict.valid) {
    return {
      ok: false,
      problem: { ...SIGNATURE_PROBLEMS[verdict.code], field: SIGNATURE_ATTRIBUTES.signature },
    };
  }
  const parse = (topic === TOPICS.credited ? parseCycleCreditRecord : parseBatchTransitionRecord) as (
    envelope: unknown,
  ) => MessageRead<TopicPayload<T>>;
  return parse(decoded.envelope);
}
