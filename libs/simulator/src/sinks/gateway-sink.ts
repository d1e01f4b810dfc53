import { Delivery, deliveryBody } from '../delivery/delivery';
import { PARTNER_ROLES, PartnerRole } from '../delivery/partner-role';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { GATEWAY_MALFORMED_JSON } from '../summary/simulation-summary';
import { GatewayClient, GatewayClientOptions, PostOutcome } from './gateway-client';
import { RatePacer } from './rate-pacer';
import { DeliverySource, SinkCounter, SinkOptions, SinkTotals } from './sink-result';

export interface GatewaySinkOptions extends SinkOptions, GatewayClientOptions {
  /** The API key of each partner role (a key of a partner allowed every type may serve all three). */
  keys: Readonly<Record<PartnerRole, string>>;
}

export interface GatewaySinkResult extends SinkTotals {
  via: 'gateway';
  /** Requests that got a final answer (retries not counted). */
  requests: number;
  /** Requests re-sent after 429, 503 or a network error. */
  retries: number;
  /** Per-event answers, plus one rejection per bad-JSON body (answered 400 GATEWAY.MALFORMED_JSON). */
  accepted: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
}

/** The most events `POST /v1/events` takes in one request. */
const MAX_GATEWAY_BATCH = 1000;
const DEFAULT_GATEWAY_BATCH_SIZE = 500;

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** A JSON array of the deliveries' bodies: canonical events, or the broken objects as they are. */
function arrayBody(deliveries: readonly Delivery[]): Buffer {
  const parts: Buffer[] = [OPEN];
  deliveries.forEach((delivery, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(deliveryBody(delivery));
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** Bad JSON cannot sit inside a JSON array: it is posted alone, and the gateway refuses the request. */
function isBadJson(delivery: Delivery): boolean {
  return delivery.kind === 'malformed' && delivery.event === undefined;
}

/** One request at a time per partner role (so each role's deliveries keep their order), roles in parallel. */
class Lane {
  private running?: Promise<void>;
  private failure?: Error;

  async run(task: () => Promise<void>): Promise<void> {
    await this.idle();
    // Kept, not thrown here: the failure surfaces at the lane's next run or at the end.
    this.running = task().catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  async idle(): Promise<void> {
    await this.running;
    if (this.failure !== undefined) throw this.failure;
  }
}

class GatewaySender {
  private readonly client: GatewayClient;
  private readonly pacer: RatePacer;
  private readonly counter = new SinkCounter();
  private readonly lanes = Object.fromEntries(PARTNER_ROLES.map((role) => [role, new Lane()])) as Record<
    PartnerRole,
    Lane
  >;
  private readonly result = {
    requests: 0,
    accepted: 0,
    rejected: 0,
    rejectedByCode: {} as Record<string, number>,
  };

  constructor(private readonly options: GatewaySinkOptions) {
    this.client = new GatewayClient(options);
    this.pacer = new RatePacer(options.ratePerSecond);
  }

  async send(role: PartnerRole, deliveries: Delivery[]): Promise<void> {
    await this.pacer.take(deliveries.length);
    await this.lanes[role].run(() => this.post(role, deliveries));
  }

  async finish(): Promise<GatewaySinkResult> {
    for (const role of PARTNER_ROLES) await this.lanes[role].idle();
    return { via: 'gateway', ...this.counter.finish(), retries: this.client.retries, ...this.result };
  }

  private async post(role: PartnerRole, deliveries: Delivery[]): Promise<void> {
    const startedAtMs = Date.now();
    const lone = deliveries.length === 1 && isBadJson(deliveries[0]);
    const body = lone ? deliveryBody(deliveries[0]) : arrayBody(deliveries);
    const outcome = await this.client.post(
      this.options.keys[role],
      body,
      lone ? [GATEWAY_MALFORMED_JSON] : [],
    );
    this.count(outcome, deliveries.length);
    const sent = this.counter.acknowledged(deliveries);
    this.options.onBatch?.({ deliveries, startedAtMs, acknowledgedAtMs: Date.now() });
    this.options.onProgress?.(sent);
  }

  private count(outcome: PostOutcome, sent: number): void {
    this.result.requests++;
    if (outcome.kind === 'refused') {
      this.reject(outcome.error.code);
      return;
    }
    const { answer } = outcome;
    if (answer.results.length !== sent) {
      throw new SimulatorException(
        SimulatorErrorCode.GATEWAY_REFUSED,
        `the gateway answered ${answer.results.length} results for ${sent} events`,
      );
    }
    this.result.accepted += answer.accepted;
    for (const result of answer.results) if (result.status === 'rejected') this.reject(result.code);
  }

  private reject(code: string): void {
    this.result.rejected++;
    this.result.rejectedByCode[code] = (this.result.rejectedByCode[code] ?? 0) + 1;
  }
}

/**
 * Posts deliveries to the gateway as the partners would: arrays of up to `batchSize` events (at most
 * 1000) per role with that role's API key, retrying 429 and 503, and counts the per-event answers.
 * Bad-JSON deliveries are posted alone and counted as rejected with the 400's code.
 */
export async function sendToGateway(
  source: DeliverySource,
  options: GatewaySinkOptions,
): Promise<GatewaySinkResult> {
  const requested = options.batchSize ?? DEFAULT_GATEWAY_BATCH_SIZE;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_GATEWAY_BATCH) {
    throw new SimulatorException(
      SimulatorErrorCode.INVALID_OPTION,
      `batchSize must be a whole number in [1, ${MAX_GATEWAY_BATCH}], got ${requested}`,
    );
  }
  const batchSize = RatePacer.batchSize(requested, options.ratePerSecond);
  const sender = new GatewaySender(options);
  const buffers = Object.fromEntries(PARTNER_ROLES.map((role) => [role, [] as Delivery[]])) as Record<
    PartnerRole,
    Delivery[]
  >;
  const flush = async (role: PartnerRole) => {
    const deliveries = buffers[role];
    if (deliveries.length === 0) return;
    buffers[role] = [];
    await sender.send(role, deliveries);
  };
  for await (const delivery of source) {
    if (isBadJson(delivery)) {
      await flush(delivery.role);
      await sender.send(delivery.role, [delivery]);
      continue;
    }
    buffers[delivery.role].push(delivery);
    if (buffers[delivery.role].length >= batchSize) await flush(delivery.role);
  }
  for (const role of PARTNER_ROLES) await flush(role);
  return sender.finish();
}
