/** A cycle credited now, as one tracker left it. */
export interface CreditedCycle {
  cycleId: string;
  /** Through issuance's workshop list; null for a workshop it does not know. */
  projectId: string | null;
  vintage: number;
  avoidedG: number;
  fingerprint: string;
}

/** What one tracker made of the replayed records. */
export interface TrackerOutcome {
  /** Distinct events stored. */
  events: number;
  /** Records refused (dead-lettered). */
  refused: number;
  credits: readonly CreditedCycle[];
}

export interface ProjectVintageTotals {
  projectId: string | null;
  vintage: number;
  real: { cycles: number; avoidedG: number };
  naive: { cycles: number; avoidedG: number };
  match: boolean;
}

export interface NaiveComparison {
  events: { real: number; naive: number };
  refused: { real: number; naive: number };
  byProjectVintage: ProjectVintageTotals[];
  /** Cycles credited by one side only, or with another figure or evidence. */
  differingCycles: number;
  /** A few of them, to start looking. */
  differingExamples: string[];
  identical: boolean;
}

const EXAMPLES = 5;

/**
 * The real tracker's results against the naive one's on the same records: same events stored, same
 * refusals, and the same credit (figure and evidence fingerprint) for every cycle.
 */
export function compareOutcomes(real: TrackerOutcome, naive: TrackerOutcome): NaiveComparison {
  const naiveById = new Map(naive.credits.map((credit) => [credit.cycleId, credit]));
  const differing = new Set<string>();
  for (const credit of real.credits) {
    const other = naiveById.get(credit.cycleId);
    if (!other || other.avoidedG !== credit.avoidedG || other.fingerprint !== credit.fingerprint)
      differing.add(credit.cycleId);
    naiveById.delete(credit.cycleId);
  }
  for (const cycleId of naiveById.keys()) differing.add(cycleId);

  const byProjectVintage = totalsByProjectVintage(real.credits, naive.credits);
  return {
    events: { real: real.events, naive: naive.events },
    refused: { real: real.refused, naive: naive.refused },
    byProjectVintage,
    differingCycles: differing.size,
    differingExamples: [...differing].sort().slice(0, EXAMPLES),
    identical:
      differing.size === 0 &&
      real.events === naive.events &&
      real.refused === naive.refused &&
      byProjectVintage.every((row) => row.match),
  };
}

function totalsByProjectVintage(
  real: readonly CreditedCycle[],
  naive: readonly CreditedCycle[],
): ProjectVintageTotals[] {
  const rows = new Map<string, ProjectVintageTotals>();
  const add = (side: 'real' | 'naive', credit: CreditedCycle) => {
    const key = JSON.stringify([credit.projectId, credit.vintage]);
    const row = rows.get(key) ?? {
      projectId: credit.projectId,
      vintage: credit.vintage,
      real: { cycles: 0, avoidedG: 0 },
      naive: { cycles: 0, avoidedG: 0 },
      match: false,
    };
    row[side].cycles += 1;
    row[side].avoidedG += credit.avoidedG;
    rows.set(key, row);
  };
  for (const credit of real) add('real', credit);
  for (const credit of naive) add('naive', credit);
  return [...rows.values()]
    .map((row) => ({
      ...row,
      match: row.real.cycles === row.naive.cycles && row.real.avoidedG === row.naive.avoidedG,
    }))
    .sort((a, b) => (a.projectId ?? '').localeCompare(b.projectId ?? '') || a.vintage - b.vintage);
}
