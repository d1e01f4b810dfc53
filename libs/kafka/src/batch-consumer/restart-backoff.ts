/**
 * Delays between consumer restarts: doubling from `initialMs` up to `maxMs`, with up to 20 % jitter so
 * that the instances of a group that crashed together do not rejoin in lockstep.
 */
export class RestartBackoff {
  private attempts = 0;

  constructor(
    private readonly initialMs = 300,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempts, 20));
    this.attempts += 1;
    return Math.round(base * (1 + 0.2 * this.random()));
  }

  /** After the consumer joined its group again. */
  reset(): void {
    this.attempts = 0;
  }
}
