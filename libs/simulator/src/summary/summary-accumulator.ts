import { DEVICE_CATEGORIES, DEVICE_EVENT_TYPES, INPUT_TOPICS, RejectionCode } from '@refurb/contracts';
import { PlannedDelivery } from '../delivery/plan-deliveries';
import { PARTNER_ROLES } from '../delivery/partner-role';
import { SimulatedDevice } from '../scenario/simulated-device';
import { ResolvedSimulationOptions } from '../simulation-options';
import { CycleCounts, GATEWAY_MALFORMED_JSON, SimulationSummary } from './simulation-summary';

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function increment<K extends string>(counts: Partial<Record<K, number>>, key: K, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Counts devices and deliveries as they are generated, so a summary never needs them all at once. */
export class SummaryAccumulator {
  private readonly summary: SimulationSummary;

  constructor(options: ResolvedSimulationOptions) {
    const cycles: CycleCounts = {
      total: 0,
      creditEligible: 0,
      recycled: 0,
      returned: 0,
      inProgress: 0,
      secondLife: 0,
      conflictingResales: 0,
      creditEligibleByCountry: { FR: 0, DE: 0 },
      creditEligibleByWorkshop: {},
      creditEligibleByVintage: {},
    };
    this.summary = {
      seed: options.seed,
      devices: 0,
      window: { from: options.from, until: options.until },
      rates: { ...options.rates },
      devicesByCategory: zeros(DEVICE_CATEGORIES),
      deliveries: 0,
      deliveriesByRole: zeros(PARTNER_ROLES),
      deliveriesByTopic: zeros(INPUT_TOPICS),
      events: 0,
      eventsByType: zeros(DEVICE_EVENT_TYPES),
      duplicates: 0,
      late: 0,
      malformed: 0,
      malformedByCode: {},
      malformedByReason: {},
      cycles,
      expected: {
        viaKafka: { storedEvents: 0, ignoredDuplicates: 0, deadLettered: 0, deadLetteredByCode: {} },
        viaGateway: { accepted: 0, rejected: 0, rejectedByCode: {}, storedEvents: 0 },
      },
    };
  }

  addDevice(device: SimulatedDevice, deliveries: readonly PlannedDelivery[]): void {
    const summary = this.summary;
    summary.devices++;
    summary.devicesByCategory[device.category]++;
    for (const cycle of device.cycles) this.addCycle(cycle);
    for (const { delivery } of deliveries) {
      summary.deliveries++;
      summary.deliveriesByRole[delivery.role]++;
      summary.deliveriesByTopic[delivery.topic]++;
      if (delivery.kind === 'malformed') {
        summary.malformed++;
        increment(summary.malformedByCode, delivery.expectedCode);
        increment(summary.malformedByReason, delivery.reason);
      } else if (delivery.kind === 'duplicate') {
        summary.duplicates++;
      } else {
        summary.events++;
        summary.eventsByType[delivery.eventType]++;
        if (delivery.late) summary.late++;
      }
    }
  }

  private addCycle(cycle: SimulatedDevice['cycles'][number]): void {
    const counts = this.summary.cycles;
    const { outcome } = cycle;
    counts.total++;
    if (cycle.number > 1) counts.secondLife++;
    counts.conflictingResales += outcome.conflictingResales;
    switch (outcome.state) {
      case 'credit-eligible':
        counts.creditEligible++;
        counts.creditEligibleByCountry[outcome.country]++;
        increment(counts.creditEligibleByWorkshop, outcome.workshopId);
        increment(counts.creditEligibleByVintage, String(outcome.vintage));
        break;
      case 'recycled':
        counts.recycled++;
        break;
      case 'returned':
        counts.returned++;
        break;
      case 'in-progress':
        counts.inProgress++;
        break;
    }
  }

  result(): SimulationSummary {
    const summary = JSON.parse(JSON.stringify(this.summary)) as SimulationSummary;
    const { viaKafka, viaGateway } = summary.expected;
    viaKafka.storedEvents = summary.events;
    viaKafka.ignoredDuplicates = summary.duplicates;
    viaKafka.deadLettered = summary.malformed;
    viaKafka.deadLetteredByCode = { ...summary.malformedByCode };
    viaGateway.accepted = summary.events + summary.duplicates;
    viaGateway.rejected = summary.malformed;
    viaGateway.storedEvents = summary.events;
    for (const [code, count] of Object.entries(summary.malformedByCode)) {
      const answered = code === RejectionCode.MALFORMED_JSON ? GATEWAY_MALFORMED_JSON : code;
      viaGateway.rejectedByCode[answered] = (viaGateway.rejectedByCode[answered] ?? 0) + count;
    }
    return summary;
  }
}
