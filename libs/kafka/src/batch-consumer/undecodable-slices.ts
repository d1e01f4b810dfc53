import { Batch, KafkaMessage } from 'kafkajs';
import { undecodableBatchRecord, withoutMarker } from '../compression/undecodable-batch';

/** Some messages of one partition batch, in offset order. */
export interface BatchSlice {
  batch: Batch;
  messages: readonly KafkaMessage[];
}

export interface UndecodableBatch {
  batch: Batch;
  /** The stand-in carrying the compressed bytes, its marker removed. */
  message: KafkaMessage;
  detail: string;
}

/**
 * Splits the stand-ins of undecodable record batches (compression/undecodable-batch.ts) from the
 * messages handlers get. One batch is one dead letter, from its first stand-in; the others only cover
 * its offsets, which the transaction consumes with the rest.
 */
export function separateUndecodable(slices: readonly BatchSlice[]): {
  decodable: BatchSlice[];
  undecodable: UndecodableBatch[];
} {
  const decodable: BatchSlice[] = [];
  const undecodable: UndecodableBatch[] = [];
  for (const { batch, messages } of slices) {
    const kept: KafkaMessage[] = [];
    for (const message of messages) {
      const standIn = undecodableBatchRecord(message.headers);
      if (standIn === null) kept.push(message);
      else if (standIn.carriesBatch) {
        undecodable.push({
          batch,
          // The spread loses which of kafkajs's two message shapes this is, not any field.
          message: { ...message, headers: withoutMarker(message.headers ?? {}) } as KafkaMessage,
          detail: standIn.detail,
        });
      }
    }
    if (kept.length > 0) decodable.push({ batch, messages: kept });
  }
  return { decodable, undecodable };
}
