import { DEAD_LETTER_HEADERS } from '@refurb/contracts';
import { ConsumedMessage } from '../batch-consumer/consumed-batch';
import { OutboxMessage } from '../outbox/outbox-message';

export interface DeadLetterReason {
  code: string;
  message: string;
  field?: string;
}

/** The dead letter of a consumed message: original key, value and headers, plus why and where from. */
export function deadLetterFor(
  deadLetterTopic: string,
  message: ConsumedMessage,
  reason: DeadLetterReason,
  rejectedAt: Date,
): OutboxMessage {
  const headers: Record<string, Buffer | string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    // kafkajs exposes a repeated header as an array; the outbox keeps one value per name, so keep the first.
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first;
  }
  headers[DEAD_LETTER_HEADERS.code] = reason.code;
  headers[DEAD_LETTER_HEADERS.detail] = reason.message;
  if (reason.field) headers[DEAD_LETTER_HEADERS.field] = reason.field;
  headers[DEAD_LETTER_HEADERS.sourceTopic] = message.topic;
  headers[DEAD_LETTER_HEADERS.sourcePartition] = String(message.partition);
  headers[DEAD_LETTER_HEADERS.sourceOffset] = message.offset;
  headers[DEAD_LETTER_HEADERS.rejectedAt] = rejectedAt.toISOString();
  return {
    topic: deadLetterTopic,
    key: message.key,
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}
