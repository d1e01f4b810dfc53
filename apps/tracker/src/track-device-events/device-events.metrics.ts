import { Injectable } from '@nestjs/common';
import { decodeCloudEvent } from '@refurb/contracts';
import { ConsumedMessage, DeadLetterMetrics } from '@refurb/kafka';
import { BoundedLabelValues } from '@refurb/metrics';
import { Counter, Registry } from 'prom-client';
import { TrackedBatch } from './track-device-events.handler';

/**
 * Sources that get a partner label of their own; later ones count as `other`. Whoever can produce to
 * the input topics (Kafka-native partners, behind the broker's ACLs) chooses `source`, so the label
 * must stay bounded; an event whose envelope cannot be read at all counts as `unknown`.
 */
const PARTNER_LABEL_LIMIT = 50;
const UNKNOWN_PARTNER = 'unknown';

/** Events at the Kafka door: recorded, ignored as exact duplicates, or refused (dead-lettered) by reason. */
@Injectable()
export class DeviceEventsMetrics {
  private readonly accepted: Counter<'partner'>;
  private readonly duplicates: Counter;
  private readonly refused: Counter<'partner' | 'reason'>;
  private readonly partners = new BoundedLabelValues(PARTNER_LABEL_LIMIT);

  constructor(
    registry: Registry,
    private readonly deadLetters: DeadLetterMetrics,
  ) {
    this.accepted = new Counter({
      name: 'refurb_tracker_events_accepted_total',
      help: 'Device events the tracker recorded for the first time, by partner (the event source).',
      labelNames: ['partner'],
      registers: [registry],
    });
    this.duplicates = new Counter({
      name: 'refurb_tracker_events_duplicate_total',
      help: 'Exact re-deliveries of recorded device events, acknowledged and ignored.',
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'refurb_tracker_events_refused_total',
      help: 'Device events the tracker refused and dead-lettered, by partner and reason code.',
      labelNames: ['partner', 'reason'],
      registers: [registry],
    });
  }

  /** What a committed batch transaction did (call it from BatchContext.onCommitted). */
  tracked(batch: TrackedBatch): void {
    for (const event of batch.recorded) this.accepted.inc({ partner: this.partners.valueFor(event.source) });
    this.duplicates.inc(batch.duplicates);
    for (const { message, reason } of batch.refused) {
      this.refused.inc({ partner: this.partnerOf(message), reason: reason.code });
    }
    this.deadLetters.written(batch.refused.map(({ reason }) => reason.code));
  }

  /** A refused message's `source` as sent, when its envelope can be read at all. */
  private partnerOf(message: ConsumedMessage): string {
    const decoded = decodeCloudEvent(message);
    const source = decoded.ok ? decoded.envelope.source : undefined;
    return typeof source === 'string' ? this.partners.valueFor(source) : UNKNOWN_PARTNER;
  }
}
