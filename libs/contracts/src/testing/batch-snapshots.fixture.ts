import { BatchSnapshot } from '../messages/batch-transition-record';

/** A batch of one line just closed: 48.5 kg gross, 5 % discount, 46 credits, 75 g carried out. */
export const CLOSED_BATCH_SNAPSHOT: BatchSnapshot = {
  id: 'FR-01-2025-1',
  projectId: 'FR-01',
  vintage: 2025,
  factorSetVersion: '2025-defaults',
  state: 'closed',
  openedAt: '2026-01-01T00:00:00.000Z',
  closedAt: '2026-01-31T00:00:00.000Z',
  closeSequence: 1,
  previousBatchId: null,
  totals: {
    lineCount: 1,
    discountBp: 500,
    carriedInG: 0,
    grossG: 48_500_000,
    discountG: 2_425_000,
    netG: 46_075_000,
    credits: 46,
    carriedOutG: 75_000,
  },
  serials: { first: 1, last: 46, block: 'RL-FR-01-2025-000001-000046' },
  verification: null,
  issuance: null,
};
