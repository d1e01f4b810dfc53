import { DeviceEventType, PartnerScope, scopeValues } from '@refurb/contracts';

/**
 * Events whose `source` starts with this came through the gateway (`partners/<partner id>`): the
 * gateway checked the partner's scope and signed them, so the tracker believes them for the signature.
 * No Kafka-native source may be registered under it.
 */
export const RELAYED_SOURCE_PREFIX = 'partners/';

export function isRelayedSource(source: string): boolean {
  return source.startsWith(RELAYED_SOURCE_PREFIX);
}

/**
 * How long a consumer keeps the registered sources before reading them again: a registration or a
 * retirement reaches every running tracker within this time, at one small query per interval.
 */
export const REGISTERED_SOURCES_TTL_MS = 5_000;

/** What a Kafka-native partner may send; lists hold `['*']` for any value (scopeValues). */
export interface KafkaSourceRegistration {
  /** The exact CloudEvents `source` of its events, as the contract normalises it (trimmed, NFC). */
  source: string;
  displayName: string;
  eventTypes: readonly DeviceEventType[];
  workshopIds: readonly string[];
  siteIds: readonly string[];
  resaleChannels: readonly string[];
}

export interface KafkaSource extends KafkaSourceRegistration {
  createdAt: Date;
  updatedAt: Date;
  /** Set once retired: its events are refused from then on, its stored events stay. */
  retiredAt: Date | null;
}

export function scopeOf(registration: KafkaSourceRegistration): PartnerScope {
  return {
    eventTypes: new Set(registration.eventTypes),
    workshopIds: scopeValues(registration.workshopIds),
    siteIds: scopeValues(registration.siteIds),
    resaleChannels: scopeValues(registration.resaleChannels),
  };
}
