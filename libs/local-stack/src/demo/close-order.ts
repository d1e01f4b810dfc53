/** What the demo needs to know of a batch to order it. */
export interface OrderableBatch {
  id: string;
  projectId: string;
  vintage: number;
}

/**
 * The order finance closes a project's open batches in: oldest vintage first. Closes chain the carry-over
 * and the serial blocks of a project in close order, so closing 2026 before 2025 would give 2026 the
 * lower serials and 2025 a carry-over earned later. Projects and ids only break ties, for a stable order.
 */
export function oldestVintageFirst<T extends OrderableBatch>(batches: readonly T[]): T[] {
  return [...batches].sort(
    (a, b) => a.vintage - b.vintage || a.projectId.localeCompare(b.projectId) || a.id.localeCompare(b.id),
  );
}

/** Closed batches in the order they were closed (closedAt, then the project's close sequence). */
export function inCloseOrder<T extends { closedAt: string | null; closeSequence: number | null }>(
  batches: readonly T[],
): T[] {
  return [...batches].sort(
    (a, b) =>
      (a.closedAt ?? '').localeCompare(b.closedAt ?? '') || (a.closeSequence ?? 0) - (b.closeSequence ?? 0),
  );
}
