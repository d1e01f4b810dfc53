import { InputTopic, RejectionCode } from '@refurb/contracts';

/** Per-event refusal specific to the gateway, beside the contract's validation codes. */
export const GatewayRejectionCode = {
  /** The authenticated partner may not send events of this type. */
  EVENT_TYPE_NOT_ALLOWED: 'GATEWAY.EVENT_TYPE_NOT_ALLOWED',
} as const;
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
