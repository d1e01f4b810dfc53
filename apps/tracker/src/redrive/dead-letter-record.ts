import { DEAD_LETTER_HEADERS, decodeCloudEvent, REDRIVEN_FROM_HEADER } from '@refurb/contracts';
import { IHeaders, KafkaMessage } from 'kafkajs';

/** One message of the dead-letter topic, with what selecting and redriving it needs. */
export interface DeadLetterRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  reasonCode?: string;
  sourceTopic?: string;
  sourcePartition?: number;
  /** The dead letter this one is a failed redrive of, as `<partition>:<offset>`. */
  redrivenFrom?: string;
  /** The CloudEvents id and source, when the original message can still be decoded enough to have them. */
  eventId?: string;
  eventSource?: string;
}

function headerText(headers: IHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** An event is named by its source and id together: two sources may use the same id. */
function eventNameOf(message: KafkaMessage, headers: IHeaders): { eventId?: string; eventSource?: string } {
  const decoded = decodeCloudEvent({ value: message.value, headers });
  if (!decoded.ok) return {};
  const { id, source } = decoded.envelope;
  return {
    ...(typeof id === 'string' ? { eventId: id } : {}),
    ...(typeof source === 'string' ? { eventSource: source } : {}),
  };
}

export function deadLetterRecordOf(partition: number, message: KafkaMessage): DeadLetterRecord {
  const headers = message.headers ?? {};
  const sourcePartition = Number(headerText(headers, DEAD_LETTER_HEADERS.sourcePartition));
  return {
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers,
    reasonCode: headerText(headers, DEAD_LETTER_HEADERS.code),
    sourceTopic: headerText(headers, DEAD_LETTER_HEADERS.sourceTopic),
    sourcePartition: Number.isInteger(sourcePartition) && sourcePartition >= 0 ? sourcePartition : undefined,
    redrivenFrom: headerText(headers, REDRIVEN_FROM_HEADER),
    ...eventNameOf(message, headers),
  };
}

export function deadLetterAddress(record: Pick<DeadLetterRecord, 'partition' | 'offset'>): string {
  return `${record.partition}:${record.offset}`;
}
