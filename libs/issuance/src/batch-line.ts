// No import: the console's browser bundle reads this declaration too (console/web/shapes.ts).

/** A batch line as the verifier workspace lists it: the evidence CSV's identifying columns. */
export interface BatchLineView {
  changeId: string;
  kind: 'credit' | 'reversal';
  reversesChangeId: string | null;
  deviceId: string;
  cycleId: string;
  category: string;
  workshopId: string;
  vintage: number;
  /** What the line adds to the batch: negative for a reversal. */
  lineAvoidedG: number;
  fingerprint: string;
}
