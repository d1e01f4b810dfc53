import { CodedError } from '@refurb/contracts';

/** Where the benchmark's own services listen: clear of `npm start`'s 3000-3002, so both can run. */
export const PORTS = { gateway: 13000, tracker: 13001, issuance: 13002 } as const;
export const NAIVE_TRACKER_PORT = 13009;
/** tracker-2, tracker-3, …: past every port above (each serves its health and metrics on its own port). */
const MORE_TRACKERS_FROM = 13011;

/** The bench broker creates 12 partitions per topic: a thirteenth tracker in the group would sit idle. */
export const MAX_TRACKER_INSTANCES = 12;

export class BenchArgumentError extends CodedError<'BENCH.INVALID_ARGUMENT'> {
  constructor(message: string) {
    super('BENCH.INVALID_ARGUMENT', message);
  }
}

export interface TrackerInstance {
  /** `tracker`, then `tracker-2`, …: labels its output and its peak memory in the report. */
  name: string;
  port: number;
}

/** `--tracker-instances`: a whole number from 1 to MAX_TRACKER_INSTANCES. */
export function parseTrackerInstances(text: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > MAX_TRACKER_INSTANCES) {
    throw new BenchArgumentError(
      `--tracker-instances must be a whole number from 1 to ${MAX_TRACKER_INSTANCES} (one per input partition at most), not ${JSON.stringify(text)}`,
    );
  }
  return count;
}

/** The tracker processes of one run, all in the same consumer group; the first keeps the usual port. */
export function trackerInstances(count: number): TrackerInstance[] {
  return Array.from({ length: count }, (_, i) =>
    i === 0
      ? { name: 'tracker', port: PORTS.tracker }
      : { name: `tracker-${i + 1}`, port: MORE_TRACKERS_FROM + i - 1 },
  );
}
