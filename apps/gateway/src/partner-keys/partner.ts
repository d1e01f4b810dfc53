import { DeviceEventType } from '@refurb/contracts';

/** Someone allowed to send events through the gateway, and which event types it may send. */
export interface Partner {
  /** Lower-case kebab id, e.g. `rebox-fr`; events it sends get `source` = `partners/<id>`. */
  id: string;
  displayName: string;
  allowedEventTypes: DeviceEventType[];
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

/** The partner behind a valid, unrevoked API key. */
export interface AuthenticatedPartner {
  partnerId: string;
  keyId: string;
  allowedEventTypes: ReadonlySet<DeviceEventType>;
}

/** The source every event of a partner carries, whatever its body claims. */
export function partnerSource(partnerId: string): string {
  return `partners/${partnerId}`;
}
