import type { SchemaObject } from '@nestjs/swagger';
import {
  COLLECTION_CHANNELS,
  DEVICE_CATEGORIES,
  DeviceEventType,
  DIAGNOSIS_OUTCOMES,
  MAX_LEG_DISTANCE_KM,
  PART_NAMES,
  REFURBISHMENT_GRADES,
  TRANSPORT_MODES,
} from '@refurb/contracts';

/**
 * The `data` of each event type for the OpenAPI document (docs/architecture.md#event-contract).
 * Documentation only: validateDeviceEvent is the authority, and enumerations come from the contracts so
 * they cannot drift.
 */
const deviceId: SchemaObject = {
  type: 'string',
  description: '`imei:<15 digits>` (Luhn-valid) or `serial:<brand>:<serial>`; normalised on input',
  example: 'imei:490154203237518',
};
const text: SchemaObject = { type: 'string' };
const transport: SchemaObject = {
  type: 'object',
  description: 'The leg that brought the device to this step',
  required: ['distanceKm', 'mode'],
  properties: {
    distanceKm: {
      type: 'number',
      minimum: 0,
      maximum: MAX_LEG_DISTANCE_KM,
      description: 'rounded to the nearest km',
    },
    mode: { type: 'string', enum: [...TRANSPORT_MODES] },
  },
};

function dataSchema(required: string[], properties: Record<string, SchemaObject>): SchemaObject {
  return { type: 'object', required: ['deviceId', ...required], properties: { deviceId, ...properties } };
}

export const EVENT_DATA_SCHEMAS: Readonly<Record<DeviceEventType, SchemaObject>> = {
  'device.collected': dataSchema(['category', 'channel', 'siteId'], {
    category: { type: 'string', enum: [...DEVICE_CATEGORIES] },
    brand: text,
    model: text,
    channel: { type: 'string', enum: [...COLLECTION_CHANNELS] },
    siteId: text,
    retailer: text,
    transport,
  }),
  'device.diagnosed': dataSchema(['workshopId', 'outcome'], {
    workshopId: text,
    outcome: { type: 'string', enum: [...DIAGNOSIS_OUTCOMES] },
    grade: text,
    transport,
  }),
  'device.repaired': dataSchema(['workshopId', 'partsReplaced'], {
    workshopId: text,
    partsReplaced: { type: 'array', items: { type: 'string', enum: [...PART_NAMES] } },
    transport,
  }),
  'device.refurbished': dataSchema(['workshopId', 'grade', 'erasureCertificateId'], {
    workshopId: text,
    grade: { type: 'string', enum: [...REFURBISHMENT_GRADES] },
    erasureCertificateId: text,
    transport,
  }),
  'device.recycled': dataSchema(['recyclerId'], { recyclerId: text }),
  'device.resold': dataSchema(['orderId', 'channel', 'country'], {
    orderId: text,
    channel: text,
    country: { type: 'string', description: 'ISO 3166-1 alpha-2', example: 'FR' },
  }),
  'device.returned': dataSchema(['orderId'], { orderId: text, reason: text }),
};
