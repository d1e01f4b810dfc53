import { appendLuhnCheckDigit, DEVICE_EVENT_TYPES, DeviceEventType } from '..';
import { RawEvent, rawDeviceEvents } from './raw-device-events.fixture';

/** A raw event as a partner sends it: any JSON object with an id, a known type and object data. */
export type RawDeviceEvent = RawEvent & { id: string; type: DeviceEventType };

export interface ValidEventOptions {
  /** The receiver's clock; events are dated a little before it. Default: now. */
  now?: Date;
  /** Makes ids unique to one test run, so runs sharing a broker never collide. */
  runId: string;
}

/** A Luhn-valid canonical IMEI, distinct for every `n` below 10^12. */
export function validImei(n: number): string {
  return `imei:${appendLuhnCheckDigit(`35${String(n).padStart(12, '0')}`)}`;
}

/**
 * The realistic, deliberately untidy fixture event of `type` (libs/contracts' raw-device-events),
 * re-targeted at `deviceId`, given `id` and dated `time`: valid at any `now` after `time`.
 */
export function validDeviceEvent(
  type: DeviceEventType,
  id: string,
  deviceId: string,
  time: Date,
): RawDeviceEvent {
  // A fresh fixture each call; structuredClone would build objects of another realm under jest.
  const event = rawDeviceEvents()[type] as RawDeviceEvent;
  event.id = id;
  event.time = time.toISOString();
  event.data.deviceId = deviceId;
  if (event.subject !== undefined) event.subject = deviceId;
  delete event.partitionkey;
  return event;
}

/**
 * `count` valid events cycling through the seven types, seven per device, all with distinct ids and
 * dated in the minutes before `now`.
 */
export function validDeviceEvents(
  count: number,
  { now = new Date(), runId }: ValidEventOptions,
): RawDeviceEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const type = DEVICE_EVENT_TYPES[i % DEVICE_EVENT_TYPES.length];
    const device = validImei(Math.floor(i / DEVICE_EVENT_TYPES.length) + 1);
    return validDeviceEvent(type, `${runId}-valid-${i}`, device, new Date(now.getTime() - 600_000 + i * 10));
  });
}
