import { DeviceEventType } from './device-event';

/** Every topic of docs/architecture.md#topics. Input topics are keyed by deviceId. */
export const TOPICS = {
  collection: 'devices.collection.v1',
  repair: 'devices.repair.v1',
  refurbishment: 'devices.refurbishment.v1',
  resale: 'devices.resale.v1',
  deadLetter: 'devices.deadletter.v1',
  credited: 'devices.credited.v1',
  batches: 'credits.batches.v1',
} as const;

/**
 * A dead letter carries a whole input message plus its reason headers, so the dead-letter topic must take
 * larger records than the input topics do (1 MiB by broker default), or one full-size refused message
 * would block the outbox behind it.
 */
export const DEAD_LETTER_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export const INPUT_TOPICS = [TOPICS.collection, TOPICS.repair, TOPICS.refurbishment, TOPICS.resale] as const;
export type InputTopic = (typeof INPUT_TOPICS)[number];

export function isInputTopic(topic: string): topic is InputTopic {
  return (INPUT_TOPICS as readonly string[]).includes(topic);
}

/** Which input topic carries each event type. */
export const TOPIC_BY_EVENT_TYPE: Readonly<Record<DeviceEventType, InputTopic>> = {
  'device.collected': TOPICS.collection,
  'device.diagnosed': TOPICS.repair,
  'device.repaired': TOPICS.repair,
  'device.refurbished': TOPICS.refurbishment,
  'device.recycled': TOPICS.refurbishment,
  'device.resold': TOPICS.resale,
  'device.returned': TOPICS.resale,
};
