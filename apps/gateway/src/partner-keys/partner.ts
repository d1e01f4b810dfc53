import { DeviceEventType, PartnerScope, scopeValues } from '@refurb/contracts';

/**
 * What a partner may send and name, as stored and shown: `['*']` for any value, otherwise exactly the
 * values listed (empty for a kind none of its event types names).
 */
export interface PartnerScopeLists {
  allowedEventTypes: DeviceEventType[];
  /** Workshops (and recyclers) its diagnosed, repaired, refurbished and recycled events may name. */
  allowedWorkshopIds: string[];
  /** Collection sites its collected events may name. */
  allowedSiteIds: string[];
  /** Resale channels its resold events may name. */
  allowedResaleChannels: string[];
}

/** Someone allowed to send events through the gateway, and what those events may be and name. */
export interface Partner extends PartnerScopeLists {
  /** Lower-case kebab id, e.g. `rebox-fr`; events it sends get `source` = `partners/<id>`. */
  id: string;
  displayName: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What is known of an API key once issued: never its secret. */
export interface PartnerApiKey {
  keyId: string;
  partnerId: string;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Returned once, when a key is created: the only time its plaintext exists. */
export interface CreatedApiKey extends PartnerApiKey {
  apiKey: string;
}

/** The partner behind a valid, unrevoked API key, with its scope as read on this request. */
export interface AuthenticatedPartner {
  partnerId: string;
  keyId: string;
  scope: PartnerScope;
}

/** The scope the gateway checks events against (the contract's, shared with the tracker's Kafka door). */
export function partnerScope(lists: PartnerScopeLists): PartnerScope {
  return {
    eventTypes: new Set(lists.allowedEventTypes),
    workshopIds: scopeValues(lists.allowedWorkshopIds),
    siteIds: scopeValues(lists.allowedSiteIds),
    resaleChannels: scopeValues(lists.allowedResaleChannels),
  };
}

/** The source every event of a partner carries, whatever its body claims. */
export function partnerSource(partnerId: string): string {
  return `partners/${partnerId}`;
}
