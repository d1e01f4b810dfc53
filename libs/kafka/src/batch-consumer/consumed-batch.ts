import { IHeaders } from 'kafkajs';

/** One Kafka record as the batch transport hands it to a handler. */
export interface ConsumedMessage {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit; kept as the broker's decimal string. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  /** Broker or producer timestamp, epoch milliseconds as a string. */
  timestamp: string;
}

/**
 * The not-yet-processed messages of one or more fetched partition batches, handled in one transaction.
 * Each partition's messages are in offset order; partitions follow one another.
 */
export interface ConsumedBatch {
  messages: ConsumedMessage[];
}
