import { AnyDeviceEvent, DeviceEventType } from './device-event';

/**
 * The values of one kind a partner may name: any (`'*'`, how partners registered before scopes
 * existed were migrated) or exactly the listed ones (an empty list names none).
 */
export type ScopeValues = '*' | ReadonlySet<string>;

/**
 * What a partner may claim in its events, at either door (gateway key or registered Kafka source).
 * The workshop decides which project earns a credit, so naming a workshop is as much a privilege
 * as sending a type.
 */
export interface PartnerScope {
  eventTypes: ReadonlySet<DeviceEventType>;
  /** Workshops in diagnosed, repaired and refurbished events, and recyclers in recycled ones. */
  workshopIds: ScopeValues;
  /** Collection sites in collected events. */
  siteIds: ScopeValues;
  /** Resale channels in resold events. */
  resaleChannels: ScopeValues;
}

export const SCOPE_VIOLATIONS = [
  'EVENT_TYPE_NOT_ALLOWED',
  'WORKSHOP_NOT_ALLOWED',
  'SITE_NOT_ALLOWED',
  'RESALE_CHANNEL_NOT_ALLOWED',
] as const;
export type ScopeViolationReason = (typeof SCOPE_VIOLATIONS)[number];

/** Why an event is outside its sender's scope; each door prefixes the reason with its own namespace. */
export interface ScopeViolation {
  reason: ScopeViolationReason;
  field: string;
  value: string;
  message: string;
}

/** `'*'` alone means any value; anything else is the set of values allowed. */
export function scopeValues(values: readonly string[]): ScopeValues {
  return values.length === 1 && values[0] === '*' ? '*' : new Set(values);
}

export function allows(values: ScopeValues, value: string): boolean {
  return values === '*' || values.has(value);
}

/** The first thing a validated event names that its sender may not, or null when it is in scope. */
export function scopeViolation(
  event: AnyDeviceEvent,
  scope: PartnerScope,
  sender: string,
): ScopeViolation | null {
  if (!scope.eventTypes.has(event.type)) {
    return {
      reason: 'EVENT_TYPE_NOT_ALLOWED',
      field: 'type',
      value: event.type,
      message: `${sender} may not send ${event.type} events`,
    };
  }
  const named = namedValue(event);
  if (named === null || allows(scope[named.kind], named.value)) return null;
  const { reason, what } = KIND_VIOLATION[named.kind];
  return {
    reason,
    field: named.field,
    value: named.value,
    message: `${sender} may not name ${what} ${JSON.stringify(named.value)}`,
  };
}

type ScopedKind = 'workshopIds' | 'siteIds' | 'resaleChannels';

const KIND_VIOLATION: Record<ScopedKind, { reason: ScopeViolationReason; what: string }> = {
  workshopIds: { reason: 'WORKSHOP_NOT_ALLOWED', what: 'workshop' },
  siteIds: { reason: 'SITE_NOT_ALLOWED', what: 'collection site' },
  resaleChannels: { reason: 'RESALE_CHANNEL_NOT_ALLOWED', what: 'resale channel' },
};

function namedValue(event: AnyDeviceEvent): { kind: ScopedKind; field: string; value: string } | null {
  switch (event.type) {
    case 'device.collected':
      return { kind: 'siteIds', field: 'data.siteId', value: event.data.siteId };
    case 'device.diagnosed':
    case 'device.repaired':
    case 'device.refurbished':
      return { kind: 'workshopIds', field: 'data.workshopId', value: event.data.workshopId };
    case 'device.recycled':
      return { kind: 'workshopIds', field: 'data.recyclerId', value: event.data.recyclerId };
    case 'device.resold':
      return { kind: 'resaleChannels', field: 'data.channel', value: event.data.channel };
    case 'device.returned':
      // A return names only the order; which channel sold it is the tracker's to know, not the sender's.
      return null;
  }
}
