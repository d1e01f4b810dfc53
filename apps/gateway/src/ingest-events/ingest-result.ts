import { InputTopic, RejectionCode, ScopeViolationReason } from '@refurb/contracts';

/**
 * Per-event refusals specific to the gateway, beside the contract's validation codes: the event is
 * outside the authenticated partner's scope. Each is `GATEWAY.` and the contract's scope violation
 * reason, which the tracker's Kafka door prefixes with its own namespace.
 */
export const GatewayRejectionCode = {
  /** The partner may not send events of this type. */
  EVENT_TYPE_NOT_ALLOWED: 'GATEWAY.EVENT_TYPE_NOT_ALLOWED',
  /** The partner may not name this workshop (or recycler). */
  WORKSHOP_NOT_ALLOWED: 'GATEWAY.WORKSHOP_NOT_ALLOWED',
  /** The partner may not name this collection site. */
  SITE_NOT_ALLOWED: 'GATEWAY.SITE_NOT_ALLOWED',
  /** The partner may not name this resale channel. */
  RESALE_CHANNEL_NOT_ALLOWED: 'GATEWAY.RESALE_CHANNEL_NOT_ALLOWED',
} as const satisfies { [Reason in ScopeViolationReason]: `GATEWAY.${Reason}` };
export type GatewayRejectionCode = (typeof GatewayRejectionCode)[keyof typeof GatewayRejectionCode];

export type EventRejectionCode = RejectionCode | GatewayRejectionCode;

export interface AcceptedEventResult {
  /** Position of the event in the request (0 for a single-event body). */
  index: number;
  id: string;
  status: 'accepted';
  topic: InputTopic;
}

export interface RejectedEventResult {
  index: number;
  /** The event's `id` when it sent a string one. */
  id: string | null;
  status: 'rejected';
  code: EventRejectionCode;
  message: string;
  field?: string;
}

export type EventResult = AcceptedEventResult | RejectedEventResult;

/** The 202 answer: one result per event sent, in request order. */
export interface IngestEventsResult {
  accepted: number;
  rejected: number;
  results: EventResult[];
}
