import { DeviceCategory, DeviceEventType, InputTopic, RejectionCode } from '@refurb/contracts';
import { MalformedReason } from '../delivery/malformed-events';
import { PartnerRole } from '../delivery/partner-role';
import { WorkshopCountry } from '../network/workshops';
import { FunnelRates } from '../simulation-options';

/** Code the gateway answers a request whose body is not JSON (one of the malformed deliveries). */
export const GATEWAY_MALFORMED_JSON = 'GATEWAY.MALFORMED_JSON';

export interface CycleCounts {
  total: number;
  creditEligible: number;
  recycled: number;
  /** Every resale returned, none sold again yet. */
  returned: number;
  /** Not resold (nor recycled) before the end of the window. */
  inProgress: number;
  /** Cycles after the first of their device. */
  secondLife: number;
  /** Uncancelled resales besides the credited one (each a conflict record in the tracker). */
  conflictingResales: number;
  creditEligibleByCountry: Record<WorkshopCountry, number>;
  creditEligibleByWorkshop: Record<string, number>;
  /** By UTC year of the credited resale. */
  creditEligibleByVintage: Record<string, number>;
}

/** What the pipeline should report once every delivery has gone through one door. */
export interface ExpectedOutcomes {
  /** Everything produced straight to Kafka: the tracker stores, ignores or dead-letters each message. */
  viaKafka: {
    storedEvents: number;
    ignoredDuplicates: number;
    deadLettered: number;
    deadLetteredByCode: Partial<Record<RejectionCode, number>>;
  };
  /**
   * Everything posted to the gateway: per-event answers (accepted counts duplicates each time), and
   * bad JSON answered 400 GATEWAY.MALFORMED_JSON per request. Nothing malformed reaches the tracker.
   */
  viaGateway: {
    accepted: number;
    rejected: number;
    rejectedByCode: Record<string, number>;
    storedEvents: number;
  };
}

export interface SimulationSummary {
  seed: number;
  devices: number;
  window: { from: string; until: string };
  rates: FunnelRates;
  devicesByCategory: Record<DeviceCategory, number>;
  /** Everything a sink sends: events, duplicates and malformed deliveries. */
  deliveries: number;
  deliveriesByRole: Record<PartnerRole, number>;
  deliveriesByTopic: Record<InputTopic, number>;
  /** Distinct well-formed events. */
  events: number;
  eventsByType: Record<DeviceEventType, number>;
  duplicates: number;
  late: number;
  malformed: number;
  malformedByCode: Partial<Record<RejectionCode, number>>;
  malformedByReason: Partial<Record<MalformedReason, number>>;
  cycles: CycleCounts;
  expected: ExpectedOutcomes;
}
