import { createHash } from 'node:crypto';
import {
  AnyDeviceEvent,
  canonicalJson,
  InputTopic,
  isInputTopic,
  readTopicMessage,
  Rejection,
} from '@refurb/contracts';
import { ConsumedMessage } from '@refurb/kafka';

export interface AdmittedEvent {
  message: ConsumedMessage;
  event: AnyDeviceEvent;
  /** sha256 of the canonical normalised event: equal hashes mean an exact duplicate. */
  hash: string;
}

export interface RefusedMessage {
  message: ConsumedMessage;
  rejection: Rejection;
}

export interface Admission {
  admitted: AdmittedEvent[];
  refused: RefusedMessage[];
}

/**
 * Decodes and validates a batch in memory. Within the batch, a repeated id with the same content
 * is an exact duplicate (kept once) and with different content is a reused id (refused).
 */
export function admitMessages(messages: readonly ConsumedMessage[], now: Date): Admission {
  const admitted = new Map<string, AdmittedEvent>();
  const refused: RefusedMessage[] = [];
  for (const message of messages) {
    const read = readTopicMessage(inputTopicOf(message), message, { now });
    if (!read.ok) {
      refused.push({ message, rejection: read.problem });
      continue;
    }
    const event = read.message;
    const hash = eventHash(event);
    const earlier = admitted.get(event.id);
    if (!earlier) admitted.set(event.id, { message, event, hash });
    else if (earlier.hash !== hash) refused.push({ message, rejection: idReused(event.id) });
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

export function idReused(eventId: string): Rejection {
  return {
    code: 'EVENT.ID_REUSED',
    message: `Event id ${JSON.stringify(eventId)} was already recorded with a different payload`,
    field: 'id',
  };
}
