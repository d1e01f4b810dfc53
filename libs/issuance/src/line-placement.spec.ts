import { BatchKey } from './batch-state';
import { LineToPlace, planPlacements, StoredLine } from './line-placement';

const FR: BatchKey = { projectId: 'FR-01', vintage: 2025, factorSetVersion: '2025-defaults' };

function credit(changeId: string, workshopId = 'ws-paris-01', avoided = 46_362): LineToPlace {
  return {
    changeId,
    kind: 'credit',
    workshopId,
    vintage: 2025,
    factorSetVersion: '2025-defaults',
    signedAvoidedG: avoided,
    fingerprint: `fp-${changeId}`,
  };
}

function reversal(changeId: string, of: string, avoided = 46_362, fingerprint = `fp-${of}`): LineToPlace {
  return {
    ...credit(changeId),
    kind: 'reversal',
    reversesChangeId: of,
    signedAvoidedG: -avoided,
    fingerprint,
  };
}

function stored(changeId: string, key: BatchKey | null, reversedBy: string | null = null): StoredLine {
  return { changeId, kind: 'credit', key, signedAvoidedG: 46_362, fingerprint: `fp-${changeId}`, reversedBy };
}

const workshops = new Map([
  ['ws-paris-01', 'FR-01'],
  ['ws-berlin-01', 'DE-01'],
]);

function outcomes(lines: LineToPlace[], storedLines: StoredLine[] = []) {
  return planPlacements(lines, {
    projectOfWorkshop: workshops,
    storedLines: new Map(storedLines.map((line) => [line.changeId, line])),
  }).map((planned) => {
    if (planned.outcome === 'placed') return [planned.line.changeId, planned.key.projectId];
    if (planned.outcome === 'unplaced') return [planned.line.changeId, planned.reason];
    return [planned.line.changeId, planned.problem.code];
  });
}

describe('planPlacements', () => {
  it("places a credit in its workshop's current project, vintage and factor set", () => {
    const [planned] = planPlacements([credit('c1')], {
      projectOfWorkshop: workshops,
      storedLines: new Map(),
    });
    expect(planned).toMatchObject({ outcome: 'placed', key: FR });
    expect(outcomes([credit('c2', 'ws-berlin-01')])).toEqual([['c2', 'DE-01']]);
  });

  it('keeps a credit of an unknown workshop unplaced, with its reason', () => {
    expect(outcomes([credit('c1', 'ws-nowhere')])).toEqual([['c1', 'ISSUANCE.UNKNOWN_WORKSHOP']]);
  });

  it("sends a reversal to its credit's key, even after the workshop moved", () => {
    const moved = new Map([['ws-paris-01', 'DE-01']]);
    const [planned] = planPlacements([reversal('r1', 'c1')], {
      projectOfWorkshop: moved,
      storedLines: new Map([['c1', stored('c1', FR)]]),
    });
    expect(planned).toMatchObject({ outcome: 'placed', key: FR });
  });

  it('places a credit and its reversal arriving together', () => {
    expect(outcomes([credit('c1'), reversal('r1', 'c1')])).toEqual([
      ['c1', 'FR-01'],
      ['r1', 'FR-01'],
    ]);
  });

  it('keeps a reversal unplaced while its credit is unknown or unplaced', () => {
    expect(outcomes([reversal('r1', 'c-missing')])).toEqual([['r1', 'ISSUANCE.UNKNOWN_REVERSED_CREDIT']]);
    expect(outcomes([reversal('r1', 'c1')], [stored('c1', null)])).toEqual([
      ['r1', 'ISSUANCE.REVERSED_CREDIT_UNPLACED'],
    ]);
    expect(outcomes([credit('c2', 'ws-x'), reversal('r2', 'c2')])).toEqual([
      ['c2', 'ISSUANCE.UNKNOWN_WORKSHOP'],
      ['r2', 'ISSUANCE.REVERSED_CREDIT_UNPLACED'],
    ]);
  });

  it('re-plans a pending credit and its pending reversal in one pass (place-pending)', () => {
    expect(outcomes([credit('c1'), reversal('r1', 'c1')], [stored('c1', null, 'r1')])).toEqual([
      ['c1', 'FR-01'],
      ['r1', 'FR-01'],
    ]);
  });

  it('refuses a second reversal of one credit', () => {
    expect(outcomes([reversal('r2', 'c1')], [stored('c1', FR, 'r1')])).toEqual([
      ['r2', 'ISSUANCE.CREDIT_ALREADY_REVERSED'],
    ]);
    expect(outcomes([reversal('r1', 'c1'), reversal('r2', 'c1')], [stored('c1', FR)])).toEqual([
      ['r1', 'FR-01'],
      ['r2', 'ISSUANCE.CREDIT_ALREADY_REVERSED'],
    ]);
  });

  it('refuses a reversal that does not repeat its credit, or names a reversal', () => {
    expect(outcomes([reversal('r1', 'c1', 40_000)], [stored('c1', FR)])).toEqual([
      ['r1', 'ISSUANCE.REVERSAL_MISMATCH'],
    ]);
    expect(outcomes([reversal('r1', 'c1', 46_362, 'fp-other')], [stored('c1', FR)])).toEqual([
      ['r1', 'ISSUANCE.REVERSAL_MISMATCH'],
    ]);
    const storedReversal: StoredLine = { ...stored('r0', FR), kind: 'reversal' };
    expect(outcomes([reversal('r1', 'r0')], [storedReversal])).toEqual([
      ['r1', 'ISSUANCE.REVERSAL_MISMATCH'],
    ]);
  });
});
