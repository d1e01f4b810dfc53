import { decodeCloudEvent, STRUCTURED_HEADERS } from '@refurb/contracts';
import { compareValidationPaths, fuzzEvents } from '@refurb/contracts/testing';
import { deliveryBody } from './delivery/delivery';
import { Simulation } from './simulation';

// libs/contracts proves its compiled DTO validators against validateSync on its own corpus; this does
// it on what the simulator sends (the benchmark's and demo's traffic), which contracts cannot import.

const NOW = new Date('2025-11-02T09:30:00.000Z');
const UNTIL = '2025-11-01T00:00:00.000Z';

/** What the tracker validates for each delivery of a run: the decoded JSON of its exact bytes. */
function simulatedInputs(seed: number): Record<string, unknown>[] {
  // A high fault rate so that the broken deliveries (bad IMEI, unknown type...) are well represented.
  const simulation = new Simulation({ seed, devices: 300, until: UNTIL, rates: { malformed: 0.2 } }, NOW);
  const inputs: Record<string, unknown>[] = [];
  for (const delivery of simulation.deliveries()) {
    const decoded = decodeCloudEvent({ value: deliveryBody(delivery), headers: STRUCTURED_HEADERS });
    if (decoded.ok) inputs.push(decoded.envelope);
  }
  return inputs;
}

describe('compiled validators on simulated traffic', () => {
  it.each([1, 7, 42])('give validateSync verdicts, codes and messages for seed %i', (seed) => {
    const inputs = simulatedInputs(seed);
    const report = compareValidationPaths(inputs);
    expect(report.mismatches).toEqual([]);
    expect(report.fallbacks).toBe(0);
    expect(inputs.length).toBeGreaterThan(1000);
  });

  it('give validateSync verdicts, codes and messages for 4,000 mutations of simulated events', () => {
    const report = compareValidationPaths(fuzzEvents(simulatedInputs(3).slice(0, 500), 4000, 3));
    expect(report.mismatches).toEqual([]);
    expect(report.fallbacks).toBe(0);
    expect(Object.keys(report.codes).length).toBeGreaterThanOrEqual(12);
  });
});
