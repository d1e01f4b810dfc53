import { inCloseOrder, oldestVintageFirst } from './close-order';

describe('the demo close order', () => {
  it('closes oldest vintage first, whatever order the API lists the batches in', () => {
    const listed = [
      { id: 'FR-01-2026-4', projectId: 'FR-01', vintage: 2026 },
      { id: 'DE-01-2025-2', projectId: 'DE-01', vintage: 2025 },
      { id: 'FR-01-2025-1', projectId: 'FR-01', vintage: 2025 },
      { id: 'DE-01-2026-3', projectId: 'DE-01', vintage: 2026 },
    ];
    expect(oldestVintageFirst(listed).map((batch) => batch.id)).toEqual([
      'DE-01-2025-2',
      'FR-01-2025-1',
      'DE-01-2026-3',
      'FR-01-2026-4',
    ]);
  });

  it('lists closed batches in the order they were closed', () => {
    const closed = [
      { id: 'b', closedAt: '2026-12-03T09:00:02.000Z', closeSequence: 2 },
      { id: 'a', closedAt: '2026-12-03T09:00:01.000Z', closeSequence: 1 },
      { id: 'c', closedAt: '2026-12-03T09:00:02.000Z', closeSequence: 1 },
    ];
    expect(inCloseOrder(closed).map((batch) => batch.id)).toEqual(['a', 'c', 'b']);
  });
});
