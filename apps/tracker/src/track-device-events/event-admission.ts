import { createHash } from 'node:crypto';
import { AnyDeviceEvent, canonicalJson, InputTopic, isInputTopic, readTopicMessage } from '@refurb/contracts';
import { ConsumedMessage, DeadLetterReason } from '@refurb/kafka';
import { idOnDeviceOf, identityOf, idReused, idTakenOnDevice } from './event-identity';
import { senderRefusal, Senders } from './sender-check';

export interface AdmittedEvent {
  message: ConsumedMessage;
  event: AnyDeviceEvent;
  /**
   * sha256 of the canonical normalised event: equal hashes mean an exact duplicate. The normalised event
   * keeps no extension attributes, so a relayed event's signature is not part of it: the same event
   * signed again (another gateway key, after a rotation) is still a duplicate.
   */
  hash: string;
}

export interface RefusedMessage {
  message: ConsumedMessage;
  reason: DeadLetterReason;
}

export interface Admission {
  admitted: AdmittedEvent[];
  refused: RefusedMessage[];
}

/**
 * Decodes, validates and checks the sender of a batch in memory. Within the batch, a repeated identity
 * `(source, id)` with the same content is an exact duplicate (kept once) and with different content a
 * reused id (refused); another source's event with an id already used on the same device is refused too.
 */
export function admitMessages(messages: readonly ConsumedMessage[], now: Date, senders: Senders): Admission {
  const admitted = new Map<string, AdmittedEvent>();
  const sourcesOnDevice = new Map<string, string>();
  const refused: RefusedMessage[] = [];
  for (const message of messages) {
    const read = readTopicMessage(inputTopicOf(message), message, { now });
    if (!read.ok) {
      refused.push({ message, reason: read.problem });
      continue;
    }
    const event = read.message;
    const refusal = senderRefusal(message, event, senders);
    if (refusal) {
      refused.push({ message, reason: refusal });
      continue;
    }
    const hash = eventHash(event);
    const earlier = admitted.get(identityOf(event));
    if (earlier) {
      if (earlier.hash !== hash) refused.push({ message, reason: idReused(event.id) });
      continue;
    }
    const holder = sourcesOnDevice.get(idOnDeviceOf(event));
    if (holder !== undefined) {
      refused.push({ message, reason: idTakenOnDevice(event, holder) });
      continue;
    }
    admitted.set(identityOf(event), { message, event, hash });
    sourcesOnDevice.set(idOnDeviceOf(event), event.source);
  }
  return { admitted: [...admitted.values()], refused };
}

/** The consumer subscribes to the input topics only: any other topic here is a wiring bug, not bad input. */
function inputTopicOf(message: ConsumedMessage): InputTopic {
  if (!isInputTopic(message.topic)) throw new TypeError(`device events read from ${message.topic}`);
  return message.topic;
}

function eventHash(event: AnyDeviceEvent): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}
