import { planClose } from './close-plan';

describe('planClose', () => {
  it('carries the previous carry-over in and takes the serials after the project last one', () => {
    const plan = planClose({
      projectId: 'CL-FR',
      vintage: 2025,
      lineCount: 7,
      grossG: 889_000,
      discountBp: 500,
      previous: { id: 'CL-FR-2025-1', closeSequence: 1, carriedOutG: 226_413 },
      lastSerial: 1,
    });
    expect(plan).toEqual({
      closeSequence: 2,
      previousBatchId: 'CL-FR-2025-1',
      totals: {
        lineCount: 7,
        discountBp: 500,
        carriedInG: 226_413,
        grossG: 889_000,
        discountG: 44_450,
        netG: 1_070_963,
        credits: 1,
        carriedOutG: 70_963,
      },
      serials: { first: 2, last: 2, block: 'RL-CL-FR-2025-000002-000002' },
    });
  });

  it('takes no serial block for a batch that earns no credit, and starts the chain at 0', () => {
    const plan = planClose({
      projectId: 'CL-FR',
      vintage: 2024,
      lineCount: 1,
      grossG: -177_800,
      discountBp: 500,
      previous: null,
      lastSerial: 0,
    });
    expect(plan.closeSequence).toBe(1);
    expect(plan.previousBatchId).toBeNull();
    expect(plan.totals).toMatchObject({ carriedInG: 0, discountG: 0, credits: 0, carriedOutG: -177_800 });
    expect(plan.serials).toBeNull();
  });
});
