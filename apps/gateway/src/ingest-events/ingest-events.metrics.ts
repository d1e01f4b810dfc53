import { Injectable } from '@nestjs/common';
import { BoundedLabelValues } from '@refurb/metrics';
import { Counter, Registry } from 'prom-client';
import { EventResult } from './ingest-result';

/**
 * Partners are operators' data (`npm run gateway:partners`), authenticated by API key, so the partner
 * label is bounded already; the limit guards the series if a deployment ever has very many.
 */
const PARTNER_LABEL_LIMIT = 200;

/** Events answered at the HTTP door, by partner and, for refusals, reason code. */
@Injectable()
export class IngestEventsMetrics {
  private readonly accepted: Counter<'partner'>;
  private readonly refused: Counter<'partner' | 'reason'>;
  private readonly partners = new BoundedLabelValues(PARTNER_LABEL_LIMIT);

  constructor(registry: Registry) {
    this.accepted = new Counter({
      name: 'refurb_gateway_events_accepted_total',
      help: 'Events the gateway accepted and Kafka acknowledged, by partner (an in-request exact duplicate counts once per copy, as answered).',
      labelNames: ['partner'],
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'refurb_gateway_events_refused_total',
      help: 'Events the gateway refused, by partner and reason code.',
      labelNames: ['partner', 'reason'],
      registers: [registry],
    });
  }

  /** The answers of one request whose accepted events Kafka acknowledged. */
  answered(partnerId: string, results: readonly EventResult[]): void {
    const partner = this.partners.valueFor(partnerId);
    for (const result of results) {
      if (result.status === 'accepted') this.accepted.inc({ partner });
      else this.refused.inc({ partner, reason: result.code });
    }
  }
}
