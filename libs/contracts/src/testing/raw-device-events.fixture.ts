import { DeviceEventType } from '../device-event';

/**
 * Realistic raw events as partners send them (before normalisation), one per type, all valid at
 * FIXTURE_NOW. Deliberately untidy where partners are: spaced IMEIs, offsets, lower-case country,
 * extension attributes. Test data only; not exported from the package index.
 */
export const FIXTURE_NOW = new Date('2025-06-01T12:00:00.000Z');

export type RawEvent = Record<string, unknown> & { data: Record<string, unknown> };

export function rawDeviceEvents(): Record<DeviceEventType, RawEvent> {
  return {
    'device.collected': {
      specversion: '1.0',
      id: 'rebox-paris-ternes/2025-05-28/000412',
      source: '/partners/rebox/paris-ternes',
      type: 'device.collected',
      subject: 'IMEI:35 332509 123456 1',
      time: '2025-05-28T16:42:07+02:00',
      datacontenttype: 'application/json',
      partitionkey: 'imei:353325091234561',
      data: {
        deviceId: '35 332509 123456 1',
        category: 'smartphone',
        brand: 'Apple',
        model: 'iPhone 12 ',
        channel: 'rebox',
        siteId: 'REBOX-FNAC-TERNES',
        retailer: 'Fnac Ternes',
        transport: { distanceKm: 12.4, mode: 'road' },
      },
    },
    'device.diagnosed': {
      specversion: '1.0',
      id: 'f4c1a3e2-7d5b-4c1e-9a0f-2b8e6d4c1a90',
      source: 'urn:refurb-ledger:workshop:lyon-01',
      type: 'device.diagnosed',
      time: '2025-05-30T08:15:00Z',
      data: {
        deviceId: 'imei:353325091234561',
        workshopId: 'WS-LYON-01',
        outcome: 'refurbishable',
        grade: 'B+',
        transport: { distanceKm: 465, mode: 'road' },
      },
    },
    'device.repaired': {
      specversion: '1.0',
      id: '0b2e5a8c-3f61-4d2a-b7c9-5e1f0a9d3c44',
      source: 'urn:refurb-ledger:workshop:lyon-01',
      type: 'device.repaired',
      subject: 'imei:353325091234561',
      time: '2025-05-30T10:02:31.250+02:00',
      data: {
        deviceId: 'imei:353325091234561',
        workshopId: 'WS-LYON-01',
        partsReplaced: ['screen', 'battery'],
      },
    },
    'device.refurbished': {
      specversion: '1.0',
      id: '7a9d2c14-0e3b-4f8a-a1d6-c2b5e8f0a317',
      source: 'urn:refurb-ledger:workshop:lyon-01',
      type: 'device.refurbished',
      time: '2025-05-30T14:45:00Z',
      data: {
        deviceId: 'imei:353325091234561',
        workshopId: 'WS-LYON-01',
        grade: 'A',
        erasureCertificateId: 'BLANCCO-2025-0042-7781',
      },
    },
    'device.recycled': {
      specversion: '1.0',
      id: 'recycle-2025-000981',
      source: '/partners/ecosystem/idf-03',
      type: 'device.recycled',
      time: '2025-05-31T09:00:00+02:00',
      data: { deviceId: 'serial:Lenovo:pf-2abc3d', recyclerId: 'ECOSYSTEM-IDF-03' },
    },
    'device.resold': {
      specversion: '1.0',
      id: 'bm-order-88412-line-1',
      source: '/channels/back-market',
      type: 'device.resold',
      subject: 'imei:353325091234561',
      time: '2025-05-31T19:27:44Z',
      data: {
        deviceId: 'imei:353325091234561',
        orderId: 'BM-2025-88412',
        channel: 'back-market',
        country: 'fr',
      },
    },
    'device.returned': {
      specversion: '1.0',
      id: 'bm-return-88412-1',
      source: '/channels/back-market',
      type: 'device.returned',
      time: '2025-06-01T10:05:00Z',
      data: {
        deviceId: 'imei:353325091234561',
        orderId: 'BM-2025-88412',
        reason: 'E\u0301cran de\u0301fectueux a\u0300 la re\u0301ception',
      },
    },
  };
}
