import { decodeCloudEvent, validateDeviceEvent } from '..';
import {
  ACCEPTED,
  badInputCorpus,
  BadInputCase,
  corpusBodyBytes,
  CorpusOutcome,
  expectedAtDoor,
} from './bad-input-corpus';
import { validDeviceEvents } from './valid-device-events';

const now = new Date();
const corpus = badInputCorpus({ runId: 'spec', now });

/** What stateless admission (decode, then validate) says about one Kafka message. */
function admit(testCase: BadInputCase): CorpusOutcome {
  const decoded = decodeCloudEvent({ value: corpusBodyBytes(testCase), headers: testCase.kafkaHeaders });
  if (!decoded.ok) return decoded.rejection.code;
  const validated = validateDeviceEvent(decoded.envelope, { now });
  return validated.ok ? ACCEPTED : validated.rejection.code;
}

describe('badInputCorpus', () => {
  it('holds at least 40 distinct cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    const bodies = corpus.map(
      (c) => `${JSON.stringify(c.kafkaHeaders)}${corpusBodyBytes(c)?.toString('base64')}`,
    );
    const sharedBody = corpus.filter((c, i) => bodies.indexOf(bodies[i]) !== i);
    expect(sharedBody.map((c) => c.name)).toEqual(['exact duplicate: second delivery']);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s: the door answers as recorded', (_name, testCase) => {
    expect(admit(testCase)).toBe(expectedAtDoor(testCase));
  });

  it('keeps each pair sharing an id on one key and topic, original first', () => {
    const byId = new Map<string, BadInputCase[]>();
    for (const testCase of corpus.filter((c) => c.decidedByTracker && !c.flaggedLater)) {
      const { id } = (testCase.body as { json: { id: string } }).json;
      byId.set(id, [...(byId.get(id) ?? []), testCase]);
    }
    expect([...byId.values()].map((pair) => pair.length)).toEqual([2, 2, 2]);
    for (const [first, second] of byId.values()) {
      expect([first.expectedCode, second.key, second.topic]).toEqual([ACCEPTED, first.key, first.topic]);
    }
  });

  it('does not pollute Object.prototype', () => {
    for (const testCase of corpus) admit(testCase);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validDeviceEvents', () => {
  it('yields valid events of every type with distinct ids', () => {
    const events = validDeviceEvents(21, { runId: 'spec', now });
    const results = events.map((event) => validateDeviceEvent(event, { now }));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(new Set(events.map((e) => e.type)).size).toBe(7);
    expect(new Set(events.map((e) => e.id)).size).toBe(21);
  });
});
