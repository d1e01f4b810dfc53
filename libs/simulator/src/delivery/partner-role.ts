import { DeviceEventType } from '@refurb/contracts';

/** Which kind of partner sends a delivery; each holds its own API key at the gateway. */
export const PARTNER_ROLES = ['collection', 'workshop', 'resale'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const ROLE_BY_EVENT_TYPE: Readonly<Record<DeviceEventType, PartnerRole>> = {
  'device.collected': 'collection',
  'device.diagnosed': 'workshop',
  'device.repaired': 'workshop',
  'device.refurbished': 'workshop',
  'device.recycled': 'workshop',
  'device.resold': 'resale',
  'device.returned': 'resale',
};
