import {
  AnyDeviceEvent,
  decodeCloudEvent,
  KafkaMessageLike,
  PartnerScope,
  RecordVerifier,
  SIGNATURE_ATTRIBUTES,
  SIGNATURE_PROBLEMS,
  SignatureFailureCode,
  scopeViolation,
} from '@refurb/contracts';
import { DeadLetterReason } from '@refurb/kafka';
import { isRelayedSource } from '../kafka-sources/kafka-source';

export const SenderRefusalCode = {
  UNSIGNED_RELAYED_EVENT: 'TRACKER.UNSIGNED_RELAYED_EVENT',
  UNKNOWN_SIGNING_KEY: 'TRACKER.UNKNOWN_SIGNING_KEY',
  BAD_SIGNATURE: 'TRACKER.BAD_SIGNATURE',
  UNREGISTERED_SOURCE: 'TRACKER.UNREGISTERED_SOURCE',
} as const;

/** A relayed event whose signature fails is refused with the failure's own code: each has its own fix. */
const SIGNATURE_REFUSALS: Readonly<Record<SignatureFailureCode, string>> = {
  UNSIGNED: SenderRefusalCode.UNSIGNED_RELAYED_EVENT,
  UNKNOWN_KEY: SenderRefusalCode.UNKNOWN_SIGNING_KEY,
  BAD_SIGNATURE: SenderRefusalCode.BAD_SIGNATURE,
};

/** Who may send events to the input topics. */
export interface Senders {
  /** Active Kafka-native sources by their exact `source`, with what each may send. */
  registered: ReadonlyMap<string, PartnerScope>;
  /** The gateway's public keys: what it relays (`partners/...`) must be signed with one of them. */
  gateway: RecordVerifier;
}

/**
 * Why the tracker refuses a valid event for who sent it, or null when it accepts the sender. An event
 * relayed by the gateway is believed for the gateway's signature, over the record as received (the
 * gateway checked the partner's scope); any other source must be registered, active, and the event
 * inside its scope. Only relayed events cost a second decode and a signature check; the others a lookup.
 */
export function senderRefusal(
  message: KafkaMessageLike,
  event: AnyDeviceEvent,
  senders: Senders,
): DeadLetterReason | null {
  if (isRelayedSource(event.source)) return relayRefusal(message, senders.gateway);
  const scope = senders.registered.get(event.source);
  if (!scope) {
    return {
      code: SenderRefusalCode.UNREGISTERED_SOURCE,
      message: `source ${JSON.stringify(event.source)} is not a registered Kafka-native source (npm run tracker:sources)`,
      field: 'source',
    };
  }
  const violation = scopeViolation(event, scope, `source ${JSON.stringify(event.source)}`);
  return (
    violation && { code: `TRACKER.${violation.reason}`, message: violation.message, field: violation.field }
  );
}

function relayRefusal(message: KafkaMessageLike, gateway: RecordVerifier): DeadLetterReason | null {
  // The message was read once already to validate it: it decodes.
  const decoded = decodeCloudEvent(message);
  if (!decoded.ok) throw new TypeError(`a validated event no longer decodes: ${decoded.rejection.code}`);
  const verdict = gateway.verify(decoded.envelope);
  if (verdict.valid) return null;
  return {
    code: SIGNATURE_REFUSALS[verdict.code],
    message: `relayed event: ${SIGNATURE_PROBLEMS[verdict.code].message}`,
    field: SIGNATURE_ATTRIBUTES.signature,
  };
}
