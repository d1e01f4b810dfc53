import { BatchException } from './batch.exception';
import { computeCloseTotals } from './batch-totals';
import { formatSerial, formatSerialBlock, nextSerialBlock, SerialBlock } from './serial-block';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof BatchException ? error.code : 'not a BatchException';
  }
  return undefined;
}

describe('nextSerialBlock', () => {
  it('starts a project at serial 1', () => {
    expect(nextSerialBlock(0, 46)).toEqual<SerialBlock>({ first: 1, last: 46 });
  });

  it('gives a single credit a one-serial block', () => {
    expect(nextSerialBlock(49, 1)).toEqual<SerialBlock>({ first: 50, last: 50 });
  });

  it('gives no block to a batch without credits', () => {
    expect(nextSerialBlock(46, 0)).toBeNull();
  });

  it.each<[number, number]>([
    [-1, 1],
    [0, -1],
    [0, 1.5],
    [Number.MAX_SAFE_INTEGER, 1],
  ])('rejects last serial %p with %p credits', (lastIssued, credits) => {
    expect(codeOf(() => nextSerialBlock(lastIssued, credits))).toBe('BATCH.INVALID_SERIAL');
  });
});

describe('formatSerialBlock', () => {
  it('formats the example of docs/methodology.md#serial-blocks', () => {
    expect(formatSerialBlock('FR-01', 2025, { first: 1, last: 46 })).toBe('RL-FR-01-2025-000001-000046');
  });

  it('widens past six digits rather than truncating', () => {
    expect(formatSerialBlock('FR-01', 2025, { first: 999_999, last: 1_000_001 })).toBe(
      'RL-FR-01-2025-999999-1000001',
    );
  });

  it.each<[string, string, number, SerialBlock]>([
    ['a lower-case project', 'fr-01', 2025, { first: 1, last: 1 }],
    ['a project with a space', 'FR 01', 2025, { first: 1, last: 1 }],
    ['an empty project', '', 2025, { first: 1, last: 1 }],
    ['a vintage before 2000', 'FR-01', 1999, { first: 1, last: 1 }],
  ])('rejects %s with BATCH.INVALID_KEY', (_label, projectId, vintage, block) => {
    expect(codeOf(() => formatSerialBlock(projectId, vintage, block))).toBe('BATCH.INVALID_KEY');
  });

  it('rejects an empty or reversed block with BATCH.INVALID_SERIAL', () => {
    expect(codeOf(() => formatSerialBlock('FR-01', 2025, { first: 0, last: 3 }))).toBe(
      'BATCH.INVALID_SERIAL',
    );
    expect(codeOf(() => formatSerialBlock('FR-01', 2025, { first: 5, last: 4 }))).toBe(
      'BATCH.INVALID_SERIAL',
    );
  });
});

describe('consecutive batches of one project', () => {
  it('get contiguous, non-overlapping serial blocks, with the carry-over flowing between them', () => {
    // Hand-computed closes (discount 500 bp):
    // 1: gross 48_500_000 -> net 46_075_000              -> 46 credits, 75_000 out -> 000001-000046
    // 2: gross    500_000 -> net 475_000 + 75_000 = 550_000 -> 0 credits, 550_000 out -> no block
    // 3: gross  3_100_000 -> net 2_945_000 + 550_000 = 3_495_000 -> 3 credits, 495_000 out -> 000047-000049
    // 4: gross  1_000_000 -> net 950_000 + 495_000 = 1_445_000 -> 1 credit, 445_000 out -> 000050-000050
    const grosses = [48_500_000, 500_000, 3_100_000, 1_000_000];
    let carriedInG = 0;
    let lastIssued = 0;
    const issued: { credits: number; carriedOutG: number; serials: string | null }[] = [];
    for (const grossG of grosses) {
      const totals = computeCloseTotals({ grossG, discountBp: 500, carriedInG });
      const block = nextSerialBlock(lastIssued, totals.credits);
      issued.push({
        credits: totals.credits,
        carriedOutG: totals.carriedOutG,
        serials: block && formatSerialBlock('FR-01', 2025, block),
      });
      carriedInG = totals.carriedOutG;
      lastIssued = block?.last ?? lastIssued;
    }
    expect(issued).toEqual([
      { credits: 46, carriedOutG: 75_000, serials: 'RL-FR-01-2025-000001-000046' },
      { credits: 0, carriedOutG: 550_000, serials: null },
      { credits: 3, carriedOutG: 495_000, serials: 'RL-FR-01-2025-000047-000049' },
      { credits: 1, carriedOutG: 445_000, serials: 'RL-FR-01-2025-000050-000050' },
    ]);
  });

  it('never overlaps: each block starts right after the previous one ends', () => {
    const blocks: SerialBlock[] = [];
    let lastIssued = 0;
    for (const credits of [3, 0, 1, 7, 0, 0, 2]) {
      const block = nextSerialBlock(lastIssued, credits);
      if (block) {
        blocks.push(block);
        lastIssued = block.last;
      }
    }
    // 3 -> 1..3, 1 -> 4..4, 7 -> 5..11, 2 -> 12..13
    expect(blocks).toEqual<SerialBlock[]>([
      { first: 1, last: 3 },
      { first: 4, last: 4 },
      { first: 5, last: 11 },
      { first: 12, last: 13 },
    ]);
  });
});

describe('formatSerial', () => {
  it("prints one credit's serial as the start of its block prints it", () => {
    expect(formatSerial('FR-01', 2025, 46)).toBe('RL-FR-01-2025-000046');
    expect(formatSerialBlock('FR-01', 2025, { first: 46, last: 46 })).toBe(
      `${formatSerial('FR-01', 2025, 46)}-000046`,
    );
    expect(formatSerial('FR-01', 2025, 1_000_000)).toBe('RL-FR-01-2025-1000000');
  });

  it('refuses a serial below 1 and a malformed key', () => {
    expect(() => formatSerial('FR-01', 2025, 0)).toThrow('BATCH.INVALID_SERIAL');
    expect(() => formatSerial('fr 01', 2025, 1)).toThrow('BATCH.INVALID_KEY');
  });
});
