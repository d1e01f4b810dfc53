import { DEAD_LETTER_HEADERS, REDRIVEN_FROM_HEADER } from '@refurb/contracts';
import { IHeaders, Message } from 'kafkajs';
import { deadLetterAddress, DeadLetterRecord } from './dead-letter-record';

const DEAD_LETTER_ONLY: ReadonlySet<string> = new Set([
  ...Object.values(DEAD_LETTER_HEADERS),
  REDRIVEN_FROM_HEADER,
]);

/**
 * The original message again: same key, value and headers byte for byte, without what dead-lettering
 * added, plus where it was redriven from. It goes back to its source partition, so a device's events
 * keep their order there.
 */
export function redriveMessageOf(record: DeadLetterRecord): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (!DEAD_LETTER_ONLY.has(name) && value !== undefined) headers[name] = value;
  }
  headers[REDRIVEN_FROM_HEADER] = deadLetterAddress(record);
  return {
    key: record.key,
    value: record.value,
    headers,
    ...(record.sourcePartition === undefined ? {} : { partition: record.sourcePartition }),
  };
}
