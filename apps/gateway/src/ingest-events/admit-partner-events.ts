import {
  AnyDeviceEvent,
  canonicalJson,
  isJsonObject,
  Rejection,
  RejectionCode,
  scopeViolation,
  TOPIC_BY_EVENT_TYPE,
  validateDeviceEvent,
} from '@refurb/contracts';
import { AuthenticatedPartner, partnerSource } from '../partner-keys/partner';
import { isDeviceEventType } from '../partner-keys/partner-input';
import { EventResult, GatewayRejectionCode, RejectedEventResult } from './ingest-result';

export interface Admission {
  /** One per event sent, in request order. */
  results: EventResult[];
  /** Accepted events to produce, each id once. */
  toProduce: AnyDeviceEvent[];
}

function rejected(
  index: number,
  id: string | null,
  rejection: Rejection | { code: GatewayRejectionCode; message: string; field?: string },
): RejectedEventResult {
  return { index, id, status: 'rejected', ...rejection };
}

/**
 * Decides every event of one request, in memory:
 *  - a type the partner is not allowed to send is refused before anything else is looked at;
 *  - `source` is always the authenticated partner's: whatever the body says is overwritten, so a
 *    partner can never send events in another's name;
 *  - the event is validated with the server's clock;
 *  - the workshop, collection site or resale channel it names must be in the partner's scope, compared
 *    once validated, in the normalised form the tracker will store (GATEWAY.WORKSHOP_NOT_ALLOWED...);
 *  - an id repeated in the request with the same normalised content is an exact duplicate, answered
 *    accepted but produced once; with other content it is refused as EVENT.ID_REUSED (the tracker
 *    decides the same across requests).
 */
export function admitPartnerEvents(
  events: readonly unknown[],
  partner: AuthenticatedPartner,
  now: Date,
): Admission {
  const source = partnerSource(partner.partnerId);
  const sender = `partner ${partner.partnerId}`;
  const contentById = new Map<string, string>();
  const results: EventResult[] = [];
  const toProduce: AnyDeviceEvent[] = [];

  events.forEach((raw, index) => {
    const rawId = isJsonObject(raw) && typeof raw.id === 'string' ? raw.id : null;
    // The validator accepts exactly the catalogue's types, so checking the raw type is checking the event's.
    if (isJsonObject(raw) && isDeviceEventType(raw.type) && !partner.scope.eventTypes.has(raw.type)) {
      results.push(
        rejected(index, rawId, {
          code: GatewayRejectionCode.EVENT_TYPE_NOT_ALLOWED,
          message: `${sender} may not send ${raw.type} events`,
          field: 'type',
        }),
      );
      return;
    }
    const validated = validateDeviceEvent(isJsonObject(raw) ? { ...raw, source } : raw, { now });
    if (!validated.ok) {
      results.push(rejected(index, rawId, validated.rejection));
      return;
    }
    const { event } = validated;
    const violation = scopeViolation(event, partner.scope, sender);
    if (violation !== null) {
      const { reason, message, field } = violation;
      results.push(rejected(index, event.id, { code: GatewayRejectionCode[reason], message, field }));
      return;
    }
    const content = canonicalJson(event);
    const earlier = contentById.get(event.id);
    if (earlier !== undefined && earlier !== content) {
      results.push(
        rejected(index, event.id, {
          code: RejectionCode.ID_REUSED,
          message: `event id ${JSON.stringify(event.id)} appears earlier in this request with a different payload`,
          field: 'id',
        }),
      );
      return;
    }
    if (earlier === undefined) {
      contentById.set(event.id, content);
      toProduce.push(event);
    }
    results.push({ index, id: event.id, status: 'accepted', topic: TOPIC_BY_EVENT_TYPE[event.type] });
  });
  return { results, toProduce };
}
