import { DeviceEventType, InputTopic, RejectionCode } from '../..';
import { RawDeviceEvent } from '../valid-device-events';

/** The event is stored: the door lets it through and the tracker records it. */
export const ACCEPTED = 'ACCEPTED';
/** Acknowledged and ignored: an exact re-delivery of an event already recorded (same id, same content). */
export const DUPLICATE = 'DUPLICATE';
export type CorpusOutcome = RejectionCode | typeof ACCEPTED | typeof DUPLICATE;

export type Door = 'kafka' | 'http';

/** What is sent: a JSON value (sent as its JSON text), or the exact body when JSON cannot express the fault. */
export type CorpusBody = { json: unknown } | { raw: string | Buffer } | { tombstone: true };

export interface BadInputCase {
  /** Unique; says what is wrong. */
  name: string;
  body: CorpusBody;
  /** The outcome at the Kafka door, i.e. what the tracker does with the message. */
  expectedCode: CorpusOutcome;
  /** Doors the case applies to; Kafka-only cases exercise headers and tombstones. */
  doors: readonly Door[];
  /**
   * Decided by the tracker, not by stateless validation: the door (gateway) accepts the message and the
   * tracker then stores, ignores or dead-letters it (id reuse, duplicates, parts per category).
   */
  decidedByTracker: boolean;
  /** Refused by no one: stored, then flagged on its cycle with this anomaly, which withholds the credit. */
  flaggedLater?: `CYCLE.${string}`;
  /** Kafka message key (the device id for events) and input topic, so pairs of cases stay in order. */
  key: string;
  topic: InputTopic;
  /** Kafka headers; structured mode (content-type application/cloudevents+json) unless a case says otherwise. */
  kafkaHeaders: Record<string, string | string[]>;
}

export interface CorpusOptions {
  /** Makes ids unique to one run. */
  runId: string;
  /** The receiver's clock: future and ancient times are relative to it. Default: now. */
  now?: Date;
}

/** A mutable copy of a valid event, for cases that break one thing in it. */
export type Template = (type?: DeviceEventType) => RawDeviceEvent;
export type Change = (event: RawDeviceEvent) => unknown;

/** How a case is written: a change to a valid event, or a body of its own. */
export interface CaseSpec {
  name: string;
  expectedCode: CorpusOutcome;
  body?: CorpusBody;
  /** Starting from a valid event of this type (default device.collected), apply this change. */
  type?: DeviceEventType;
  change?: Change;
  doors?: readonly Door[];
  decidedByTracker?: boolean;
  flaggedLater?: `CYCLE.${string}`;
  kafkaHeaders?: Record<string, string | string[]>;
  /** Overrides the event's own id-derived key, e.g. to keep a pair on one partition. */
  key?: string;
}
