import { BatchException } from './batch.exception';
import { BATCH_STATES, BatchState } from '@refurb/contracts';
import { acceptsLines, assertTransition, canTransition } from './batch-state';

const ALLOWED: readonly (readonly [BatchState, BatchState])[] = [
  ['open', 'closed'],
  ['closed', 'verified'],
  ['verified', 'issued'],
];

const ALL_PAIRS = BATCH_STATES.flatMap((from) => BATCH_STATES.map((to) => [from, to] as const));
const FORBIDDEN = ALL_PAIRS.filter(([from, to]) => !ALLOWED.some(([f, t]) => f === from && t === to));

describe('batch state machine', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('forbids the 13 other pairs, including staying put, skipping and going back', () => {
    expect(FORBIDDEN).toHaveLength(13);
  });

  it.each(FORBIDDEN)('forbids %s -> %s with BATCH.INVALID_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let caught: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BatchException);
    expect((caught as BatchException).code).toBe('BATCH.INVALID_TRANSITION');
  });

  it('rejects a state that is not one, such as an inherited key', () => {
    expect(canTransition('toString' as BatchState, 'closed')).toBe(false);
  });

  it('takes new lines only while open', () => {
    expect(BATCH_STATES.filter(acceptsLines)).toEqual(['open']);
  });
});
