import { setTimeout as sleep } from 'node:timers/promises';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';

/** With a target rate, send at least this many times per second so the load stays smooth. */
const SENDS_PER_SECOND = 20;

/**
 * Holds each send until its turn at `perSecond` events per second on average, counted from the first
 * send: a slow broker delays the schedule but never makes the pacer burst to catch up beyond it.
 */
export class RatePacer {
  private startedAt?: number;
  private granted = 0;

  constructor(
    private readonly perSecond: number | undefined,
    private readonly clock: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {
    if (perSecond !== undefined && !(perSecond > 0 && Number.isFinite(perSecond))) {
      throw new SimulatorException(
        SimulatorErrorCode.INVALID_OPTION,
        `a target rate must be > 0, got ${perSecond}`,
      );
    }
  }

  /** The batch size to use: the requested one, smaller when a low target rate needs smoother sends. */
  static batchSize(requested: number, perSecond: number | undefined): number {
    if (perSecond === undefined) return requested;
    return Math.max(1, Math.min(requested, Math.ceil(perSecond / SENDS_PER_SECOND)));
  }

  /** Resolves when `count` more events may be sent. */
  async take(count: number): Promise<void> {
    if (this.perSecond === undefined) return;
    this.startedAt ??= this.clock();
    const dueAt = this.startedAt + (this.granted / this.perSecond) * 1000;
    this.granted += count;
    const delay = dueAt - this.clock();
    if (delay > 0) await this.wait(delay);
  }
}
