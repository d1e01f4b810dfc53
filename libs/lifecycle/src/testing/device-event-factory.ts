import { DeviceEvent, DeviceEventDataMap, DeviceEventType } from '@refurb/contracts';

export const DEVICE_ID = 'imei:490154203237518';

type DataInput<T extends DeviceEventType> = Omit<DeviceEventDataMap[T], 'deviceId'>;

/**
 * Builders of validated-looking events bound to one device, with defaults for every field a scenario
 * does not care about. The default device's builders are exported directly below.
 */
export function eventsFor(deviceId: string) {
  const event = <T extends DeviceEventType>(
    type: T,
    id: string,
    time: string,
    data: DataInput<T>,
  ): DeviceEvent<T> => ({
    specversion: '1.0',
    id,
    source: `test-partner/${type}`,
    type,
    subject: deviceId,
    time,
    data: { ...data, deviceId } as DeviceEventDataMap[T],
  });
  return {
    collected: (id: string, time: string, data: Partial<DataInput<'device.collected'>> = {}) =>
      event('device.collected', id, time, {
        category: 'smartphone',
        channel: 'rebox',
        siteId: 'site-1',
        ...data,
      }),
    diagnosed: (id: string, time: string, data: Partial<DataInput<'device.diagnosed'>> = {}) =>
      event('device.diagnosed', id, time, { workshopId: 'ws-1', outcome: 'refurbishable', ...data }),
    repaired: (id: string, time: string, data: Partial<DataInput<'device.repaired'>> = {}) =>
      event('device.repaired', id, time, { workshopId: 'ws-1', partsReplaced: ['battery'], ...data }),
    refurbished: (id: string, time: string, data: Partial<DataInput<'device.refurbished'>> = {}) =>
      event('device.refurbished', id, time, {
        workshopId: 'ws-1',
        grade: 'A',
        erasureCertificateId: `cert-${id}`,
        ...data,
      }),
    recycled: (id: string, time: string) => event('device.recycled', id, time, { recyclerId: 'rc-1' }),
    resold: (id: string, time: string, orderId: string, country = 'FR') =>
      event('device.resold', id, time, { orderId, channel: 'web', country }),
    returned: (id: string, time: string, orderId: string) => event('device.returned', id, time, { orderId }),
  };
}

export const { collected, diagnosed, repaired, refurbished, recycled, resold, returned } =
  eventsFor(DEVICE_ID);

/** Canonical UTC time on day `day` of March 2024 (days past 31 roll over), so scenarios read as a timeline. */
export function on(day: number, hour = 10, minute = 0): string {
  return new Date(Date.UTC(2024, 2, day, hour, minute)).toISOString();
}
