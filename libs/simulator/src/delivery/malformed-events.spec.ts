import { AnyDeviceEvent, decodeStructuredBody, RejectionCode, validateDeviceEvent } from '@refurb/contracts';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { Simulation } from '../simulation';
import { MALFORMED_REASONS, malformedFrom } from './malformed-events';

const NOW = new Date('2025-11-02T09:30:00.000Z');
const simulation = new Simulation({ seed: 11, devices: 300, until: '2025-11-01T00:00:00.000Z' }, NOW);
const events: AnyDeviceEvent[] = [...simulation.devices()].flatMap((d) => d.cycles.flatMap((c) => c.events));

/** What the tracker does with a structured Kafka message: decode, then validate. */
function rejectionOf(body: Buffer): string {
  const decoded = decodeStructuredBody(body);
  if (!decoded.ok) return decoded.rejection.code;
  const validated = validateDeviceEvent(decoded.envelope, { now: NOW });
  return validated.ok ? 'ACCEPTED' : validated.rejection.code;
}

describe('malformed deliveries', () => {
  const random = new SeededRandom(5);
  const broken = events.flatMap((event) =>
    [0, 1, 2].map(() => ({ event, malformed: malformedFrom(event, random) })),
  );

  it('are each refused with the code they expect', () => {
    for (const { malformed } of broken) expect(rejectionOf(malformed.body)).toBe(malformed.expectedCode);
  });

  it('cover every reason, and every reason keeps the event id apart from the original', () => {
    expect(new Set(broken.map(({ malformed }) => malformed.reason))).toEqual(new Set(MALFORMED_REASONS));
    for (const { event, malformed } of broken) {
      if (malformed.event) expect(malformed.event.id).not.toBe(event.id);
    }
  });

  it('carry the broken object when it is still JSON, and only bytes for bad JSON', () => {
    for (const { malformed } of broken) {
      if (malformed.reason === 'bad-json') expect(malformed.event).toBeUndefined();
      else expect(JSON.parse(malformed.body.toString('utf8'))).toEqual(malformed.event);
    }
  });

  it('are keyed by the device id the partner sent, the broken one for an invalid id', () => {
    for (const { event, malformed } of broken) {
      const brokenId = malformed.reason === 'invalid-imei' || malformed.reason === 'invalid-serial';
      expect(malformed.key === event.subject).toBe(!brokenId);
    }
  });

  it('appear in simulations at about the requested rate, counted by expected code', () => {
    const noisy = new Simulation(
      { seed: 3, devices: 2000, until: '2025-11-01T00:00:00Z', rates: { malformed: 0.05 } },
      NOW,
    );
    const summary = noisy.summary();
    expect(summary.malformed / summary.events).toBeGreaterThan(0.04);
    expect(summary.malformed / summary.events).toBeLessThan(0.06);
    expect(summary.malformedByCode[RejectionCode.MALFORMED_JSON]).toBeGreaterThan(0);
    for (const delivery of noisy.deliveries()) {
      if (delivery.kind === 'malformed') expect(rejectionOf(delivery.body)).toBe(delivery.expectedCode);
    }
  });
});
