import { DeviceCategory, PartName, TransportLeg } from './device-category';

/** CloudEvents `type` values accepted by the pipeline (docs/architecture.md#event-contract). */
export const DEVICE_EVENT_TYPES = [
  'device.collected',
  'device.diagnosed',
  'device.repaired',
  'device.refurbished',
  'device.recycled',
  'device.resold',
  'device.returned',
] as const;
export type DeviceEventType = (typeof DEVICE_EVENT_TYPES)[number];

export const COLLECTION_CHANNELS = ['rebox', 'sse-partner', 'trade-in', 'b2b'] as const;
export type CollectionChannel = (typeof COLLECTION_CHANNELS)[number];

export const DIAGNOSIS_OUTCOMES = ['refurbishable', 'recycle'] as const;
export type DiagnosisOutcome = (typeof DIAGNOSIS_OUTCOMES)[number];

export const REFURBISHMENT_GRADES = ['A', 'B', 'C'] as const;
export type RefurbishmentGrade = (typeof REFURBISHMENT_GRADES)[number];

export interface DeviceCollectedData {
  deviceId: string;
  category: DeviceCategory;
  brand?: string;
  model?: string;
  channel: CollectionChannel;
  siteId: string;
  retailer?: string;
  transport?: TransportLeg;
}

export interface DeviceDiagnosedData {
  deviceId: string;
  workshopId: string;
  outcome: DiagnosisOutcome;
  grade?: string;
  transport?: TransportLeg;
}

export interface DeviceRepairedData {
  deviceId: string;
  workshopId: string;
  partsReplaced: PartName[];
  transport?: TransportLeg;
}

export interface DeviceRefurbishedData {
  deviceId: string;
  workshopId: string;
  grade: RefurbishmentGrade;
  erasureCertificateId: string;
  transport?: TransportLeg;
}

export interface DeviceRecycledData {
  deviceId: string;
  recyclerId: string;
}

export interface DeviceResoldData {
  deviceId: string;
  orderId: string;
  channel: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface DeviceReturnedData {
  deviceId: string;
  orderId: string;
  reason?: string;
}

/** Typed map from event type to its payload, so every handler's input is checked by the compiler. */
export interface DeviceEventDataMap {
  'device.collected': DeviceCollectedData;
  'device.diagnosed': DeviceDiagnosedData;
  'device.repaired': DeviceRepairedData;
  'device.refurbished': DeviceRefurbishedData;
  'device.recycled': DeviceRecycledData;
  'device.resold': DeviceResoldData;
  'device.returned': DeviceReturnedData;
}

/**
 * A validated, normalised CloudEvents 1.0 device event. `subject` equals `data.deviceId`
 * (both in canonical form) and `time` is the occurrence time as a canonical ISO-8601 UTC string.
 */
export interface DeviceEvent<T extends DeviceEventType = DeviceEventType> {
  specversion: '1.0';
  id: string;
  source: string;
  type: T;
  subject: string;
  time: string;
  datacontenttype?: string;
  data: DeviceEventDataMap[T];
}

/** Discriminated union over all event types: narrowing on `type` narrows `data`. */
export type AnyDeviceEvent = { [T in DeviceEventType]: DeviceEvent<T> }[DeviceEventType];
