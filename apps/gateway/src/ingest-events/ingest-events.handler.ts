import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AnyDeviceEvent,
  encodeStructured,
  RecordSigner,
  STRUCTURED_HEADERS,
  TOPIC_BY_EVENT_TYPE,
} from '@refurb/contracts';
import { KafkaProducerService } from '@refurb/kafka';
import { withTimeout } from '@refurb/health';
import { Message } from 'kafkajs';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { AuthenticatedPartner } from '../partner-keys/partner';
import { admitPartnerEvents } from './admit-partner-events';
import { IngestEventsMetrics } from './ingest-events.metrics';
import { IngestEventsResult } from './ingest-result';
import { RELAYED_EVENT_SIGNER } from './relayed-event-signer';

export interface IngestEventsCommand {
  partner: AuthenticatedPartner;
  /** Raw events as sent (1..1000); each one is validated here. */
  events: readonly unknown[];
}

/**
 * Structured-mode messages, each event signed (CloudEvents extension attributes `signaturekeyid` and
 * `signature`, over the event's canonical JSON without them), grouped by topic.
 */
function toTopicMessages(
  events: readonly AnyDeviceEvent[],
  signer: RecordSigner,
): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const topic = TOPIC_BY_EVENT_TYPE[event.type];
    const messages = byTopic.get(topic) ?? [];
    // Keyed by the canonical device id: one device's events stay ordered on one partition.
    messages.push({
      key: event.subject,
      value: encodeStructured(signer.sign(event)),
      headers: { ...STRUCTURED_HEADERS },
    });
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * The gateway's one use case: admit a partner's events and produce the accepted ones, signed, to their
 * input topics in a single batch. It returns only once Kafka acknowledged every accepted event (idempotent
 * producer, acks from all in-sync replicas); when Kafka does not, nothing is reported accepted.
 */
@Injectable()
export class IngestEventsHandler {
  private readonly logger = new Logger(IngestEventsHandler.name);

  constructor(
    private readonly producer: KafkaProducerService,
    private readonly env: GatewayEnv,
    private readonly metrics: IngestEventsMetrics,
    @Inject(RELAYED_EVENT_SIGNER) private readonly signer: RecordSigner,
  ) {}

  async ingest(command: IngestEventsCommand, now = new Date()): Promise<IngestEventsResult> {
    const { results, toProduce } = admitPartnerEvents(command.events, command.partner, now);
    if (toProduce.length > 0) await this.produce(toProduce, command.events.length);
    this.metrics.answered(command.partner.partnerId, results);
    const accepted = results.filter((result) => result.status === 'accepted').length;
    return { accepted, rejected: results.length - accepted, results };
  }

  private async produce(events: readonly AnyDeviceEvent[], sent: number): Promise<void> {
    try {
      await withTimeout(
        this.producer.sendBatch(toTopicMessages(events, this.signer)),
        this.env.GATEWAY_KAFKA_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn(`Kafka did not acknowledge ${events.length} events: ${(error as Error).message}`);
      throw new GatewayException(
        GatewayErrorCode.KAFKA_UNAVAILABLE,
        `Kafka did not acknowledge the events: none of the ${sent} events of this request is accepted. ` +
          'Send the same request again later; events re-sent with the same id and payload are de-duplicated.',
        { cause: error },
      );
    }
  }
}
