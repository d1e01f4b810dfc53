/** A Kafka record waiting in a service's outbox table until the relay has produced it. */
export interface OutboxMessage {
  topic: string;
  /** Kept as bytes: a dead letter must carry the original key unchanged. */
  key: Buffer | string | null;
  value: Buffer;
  /** Header values are kept byte-exact (dead letters carry the original message's headers). */
  headers?: Record<string, Buffer | string>;
}
