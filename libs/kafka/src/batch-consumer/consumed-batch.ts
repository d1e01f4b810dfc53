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

/** The not-yet-processed part of one fetched partition batch, in offset order. */
export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
}
