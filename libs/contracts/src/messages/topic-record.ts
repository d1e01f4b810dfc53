/** A record ready to produce (through a service's outbox): what every message builder returns. */
export interface TopicRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}
