import { CycleCreditEvidence } from '@refurb/contracts';
import { BatchLineView } from './batch-line';
import { EvidenceLine } from './evidence-csv';

export type { BatchLineView } from './batch-line';

/** One line with the evidence it rests on, as stored (the drill-down of one line). */
export type BatchLineEvidenceView = BatchLineView &
  Pick<CycleCreditEvidence, 'evidenceEvents' | 'partsReplaced' | 'legs'>;

export function batchLineView(line: EvidenceLine): BatchLineView {
  return {
    changeId: line.changeId,
    kind: line.kind,
    reversesChangeId: line.reversesChangeId,
    deviceId: line.evidence.deviceId,
    cycleId: line.evidence.cycleId,
    category: line.evidence.category,
    workshopId: line.evidence.workshopId,
    vintage: line.evidence.vintage,
    lineAvoidedG: line.signedAvoidedG,
    fingerprint: line.fingerprint,
  };
}

export function batchLineEvidenceView(line: EvidenceLine): BatchLineEvidenceView {
  return {
    ...batchLineView(line),
    evidenceEvents: line.evidence.evidenceEvents,
    partsReplaced: line.evidence.partsReplaced,
    legs: line.evidence.legs,
  };
}

/** The event ids a line names (evidence events, parts, legs), each once, in the order first named. */
export function eventIdsOf(line: BatchLineEvidenceView): string[] {
  return [
    ...new Set([
      ...line.evidenceEvents.map((event) => event.eventId),
      ...line.partsReplaced.map((part) => part.eventId),
      ...line.legs.map((leg) => leg.eventId),
    ]),
  ];
}
