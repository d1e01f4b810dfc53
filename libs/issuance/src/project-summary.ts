import { BATCH_STATES, BatchState } from '@refurb/contracts';
import { GRAMS_PER_CREDIT } from './batch-totals';

/** One (vintage, state) group of a project's batches, as aggregated by the database. */
export interface BatchGroupFigures {
  vintage: number;
  state: BatchState;
  batches: number;
  lines: number;
  /** Sum of line avoided_g (closed batches: their frozen gross; open ones: the lines so far). */
  grossG: number;
  /** 0 for open batches: credits exist only once a batch is closed. */
  credits: number;
}

export interface StateSummary {
  batches: number;
  lines: number;
  grossG: number;
  /** grossG in tonnes CO2e, exact, as a decimal string (6 decimals). */
  grossTonnes: string;
  credits: number;
}

export interface VintageSummary {
  vintage: number;
  byState: Record<BatchState, StateSummary>;
  total: StateSummary;
}

export interface ProjectSummary {
  projectId: string;
  vintages: VintageSummary[];
  total: StateSummary;
}

/** Exact tonnes from integer grams, e.g. -1_500 g -> "-0.001500": no float rounding in a ledger. */
export function gramsToTonnes(grams: number): string {
  if (!Number.isSafeInteger(grams)) throw new RangeError(`grams must be a safe integer, got ${grams}`);
  const sign = grams < 0 ? '-' : '';
  const magnitude = BigInt(Math.abs(grams));
  const perTonne = BigInt(GRAMS_PER_CREDIT);
  const fraction = (magnitude % perTonne).toString().padStart(6, '0');
  return `${sign}${magnitude / perTonne}.${fraction}`;
}

function empty(): Omit<StateSummary, 'grossTonnes'> {
  return { batches: 0, lines: 0, grossG: 0, credits: 0 };
}

function add(into: Omit<StateSummary, 'grossTonnes'>, group: Omit<StateSummary, 'grossTonnes'>): void {
  into.batches += group.batches;
  into.lines += group.lines;
  into.grossG += group.grossG;
  into.credits += group.credits;
}

function finish(figures: Omit<StateSummary, 'grossTonnes'>): StateSummary {
  return { ...figures, grossTonnes: gramsToTonnes(figures.grossG) };
}

/** Tonnes and credits of a project by vintage (ascending) and state, with totals. */
export function summariseProject(projectId: string, groups: readonly BatchGroupFigures[]): ProjectSummary {
  const byVintage = new Map<number, Record<BatchState, Omit<StateSummary, 'grossTonnes'>>>();
  const projectTotal = empty();
  for (const group of groups) {
    let states = byVintage.get(group.vintage);
    if (!states) {
      states = Object.fromEntries(BATCH_STATES.map((state) => [state, empty()])) as Record<
        BatchState,
        Omit<StateSummary, 'grossTonnes'>
      >;
      byVintage.set(group.vintage, states);
    }
    add(states[group.state], group);
    add(projectTotal, group);
  }
  const vintages = [...byVintage.entries()]
    .sort(([a], [b]) => a - b)
    .map(([vintage, states]): VintageSummary => {
      const total = empty();
      for (const state of BATCH_STATES) add(total, states[state]);
      return {
        vintage,
        byState: Object.fromEntries(BATCH_STATES.map((state) => [state, finish(states[state])])) as Record<
          BatchState,
          StateSummary
        >,
        total: finish(total),
      };
    });
  return { projectId, vintages, total: finish(projectTotal) };
}
