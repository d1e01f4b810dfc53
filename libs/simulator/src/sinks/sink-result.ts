import { Delivery } from '../delivery/delivery';

/** Anything a sink reads deliveries from: Simulation.deliveries(), an array, an async stream. */
export type DeliverySource = Iterable<Delivery> | AsyncIterable<Delivery>;

/** One batch (Kafka sendBatch) or request (gateway) once its sender has acknowledged it. */
export interface AcknowledgedBatch {
  deliveries: readonly Delivery[];
  /** Wall-clock time the send started, and the time the broker or gateway acknowledged it. */
  startedAtMs: number;
  acknowledgedAtMs: number;
}

/** What every sink accepts besides its own settings. */
export interface SinkOptions {
  /** Deliveries per send; the default depends on the sink. */
  batchSize?: number;
  /** Target deliveries per second on average; default: as fast as the receiver takes them. */
  ratePerSecond?: number;
  /** Called with the number of deliveries acknowledged so far. */
  onProgress?: (sent: number) => void;
  /** Called once per acknowledged batch, e.g. to measure end-to-end latency. */
  onBatch?: (batch: AcknowledgedBatch) => void;
}

export interface SinkTotals {
  sent: number;
  sentByKind: Record<Delivery['kind'], number>;
  durationMs: number;
  deliveriesPerSecond: number;
}

/** Counts what a sink sent; every sink reports these. */
export class SinkCounter {
  private readonly startedAt = Date.now();
  readonly totals: SinkTotals = {
    sent: 0,
    sentByKind: { event: 0, duplicate: 0, malformed: 0 },
    durationMs: 0,
    deliveriesPerSecond: 0,
  };

  acknowledged(deliveries: readonly Delivery[]): number {
    for (const delivery of deliveries) this.totals.sentByKind[delivery.kind]++;
    this.totals.sent += deliveries.length;
    return this.totals.sent;
  }

  finish(): SinkTotals {
    const durationMs = Date.now() - this.startedAt;
    this.totals.durationMs = durationMs;
    this.totals.deliveriesPerSecond = durationMs > 0 ? Math.round((this.totals.sent * 1000) / durationMs) : 0;
    return this.totals;
  }
}

export async function* batchesOf(source: DeliverySource, size: number): AsyncGenerator<Delivery[]> {
  let batch: Delivery[] = [];
  for await (const delivery of source) {
    batch.push(delivery);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
