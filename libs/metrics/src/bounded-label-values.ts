/** The label value every value past the limit (or not label-shaped) is counted under. */
export const OTHER_LABEL_VALUE = 'other';

/** What a label value taken from input may look like: short, printable, no quoting surprises. */
const LABEL_SHAPE = /^[A-Za-z0-9._:/@-]{1,64}$/;

/**
 * Label values taken from input (a partner, an event's `source`), bounded: the first `limit` distinct
 * values keep their own series and every later one is `other`. A Prometheus series lives for the
 * process, so a label fed by whoever sends messages must never grow without bound.
 */
export class BoundedLabelValues {
  private readonly known = new Set<string>();

  constructor(private readonly limit: number) {}

  /** `value` itself while it has (or can take) one of the `limit` places, `other` otherwise. */
  valueFor(value: string): string {
    if (this.known.has(value)) return value;
    if (this.known.size >= this.limit || !LABEL_SHAPE.test(value)) return OTHER_LABEL_VALUE;
    this.known.add(value);
    return value;
  }
}
