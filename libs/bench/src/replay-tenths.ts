/**
 * One tracker transaction of the replay, as tracker.device_events shows it: every event a transaction
 * stores gets the same `received_at` (the column defaults to `now()`, the transaction's start).
 */
export interface ReplayTransaction {
  startedMs: number;
  /** Events it stored. */
  events: number;
  /** Events stored by the transactions that started before it. */
  before: number;
}

export interface TenthRate {
  /** Events of the transactions in the window: whole transactions, so about a tenth. */
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface ReplayTenths {
  first: TenthRate;
  last: TenthRate;
  /** Last tenth's rate ÷ first tenth's: below 1 when the replay slows down as the tables grow. */
  ratio: number;
}

/**
 * The replay's rate over its first and its last tenth of stored events, from the transactions at those
 * two ends (the whole replay's, or at least: the ones from its start to one past the transaction that
 * holds the first tenth's last event, and the ones from one before the transaction that holds the last
 * tenth's first event to its end), sorted by start.
 *
 * Only transaction starts are known, so a window runs from the start of its first transaction to the
 * start of the transaction after its last: the first tenth ends when the next transaction starts, the
 * last tenth ends when the replay's final transaction starts (whose own end nothing records), so that
 * one is left out. If it holds the whole last tenth, the transaction before it stands for the tenth.
 * Undefined when the replay had too few transactions to time either end.
 */
export function replayTenths(
  transactions: readonly ReplayTransaction[],
  total: number,
): ReplayTenths | undefined {
  if (total <= 0 || transactions.length < 2) return undefined;
  // Positions (from 0) of the first tenth's last event + 1 and of the last tenth's first event.
  const firstTenthEnd = Math.ceil(total / 10);
  const lastTenthStart = Math.ceil(total - total / 10);
  const endOfFirst = transactions.findIndex(({ before, events }) => before + events >= firstTenthEnd);
  const final = transactions.length - 1;
  let startOfLast = final - 1;
  while (startOfLast > 0 && transactions[startOfLast].before > lastTenthStart) startOfLast--;
  if (endOfFirst < 0 || endOfFirst >= final) return undefined;
  const first = windowRate(transactions, 0, endOfFirst + 1);
  const last = windowRate(transactions, startOfLast, final);
  if (!first || !last) return undefined;
  return { first, last, ratio: last.eventsPerSecond / first.eventsPerSecond };
}

/** Events of transactions[from, to) over the time from the start of `from` to the start of `to`. */
function windowRate(
  transactions: readonly ReplayTransaction[],
  from: number,
  to: number,
): TenthRate | undefined {
  const seconds = (transactions[to].startedMs - transactions[from].startedMs) / 1000;
  if (seconds <= 0) return undefined;
  const events = transactions.slice(from, to).reduce((sum, { events }) => sum + events, 0);
  return { events, seconds, eventsPerSecond: events / seconds };
}
