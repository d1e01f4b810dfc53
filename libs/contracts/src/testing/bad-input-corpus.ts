import { STRUCTURED_CONTENT_TYPE, TOPIC_BY_EVENT_TYPE } from '..';
import { dataCases, deviceIdCases } from './corpus/data-cases';
import { envelopeCases } from './corpus/envelope-cases';
import { framingCases } from './corpus/framing-cases';
import { hostileTextCases } from './corpus/hostile-text-cases';
import { trackerCases } from './corpus/tracker-cases';
import {
  ACCEPTED,
  BadInputCase,
  CaseSpec,
  CorpusOptions,
  CorpusOutcome,
  Template,
} from './corpus/corpus-case';
import { RawDeviceEvent, validDeviceEvent, validImei } from './valid-device-events';

export { ACCEPTED, DUPLICATE } from './corpus/corpus-case';
export type { BadInputCase, CorpusBody, CorpusOptions, CorpusOutcome, Door } from './corpus/corpus-case';

const STRUCTURED = { 'content-type': STRUCTURED_CONTENT_TYPE };

/**
 * Bad input both doors must survive, each with the reason code it must be refused with (or the proof it
 * is harmless: stored verbatim, or recognised as a duplicate). Pairs sharing an id are listed in sending
 * order and share a key, so they reach the tracker in that order. Codes are what libs/contracts'
 * decodeCloudEvent and validateDeviceEvent return, and what the tracker adds (id reuse, duplicates).
 */
export function badInputCorpus({ runId, now = new Date() }: CorpusOptions): BadInputCase[] {
  const time = new Date(now.getTime() - 10 * 60_000);
  let serial = 0;
  const fresh: Template = (type = 'device.collected') => {
    serial += 1;
    return validDeviceEvent(type, `${runId}-corpus-${serial}`, validImei(500_000 + serial), time);
  };
  const specs: CaseSpec[] = [
    ...framingCases(fresh),
    ...envelopeCases(now),
    ...deviceIdCases(),
    ...dataCases(),
    ...hostileTextCases(fresh),
    ...trackerCases(fresh),
  ];
  return specs.map((spec) => toCase(spec, fresh));
}

function toCase(spec: CaseSpec, fresh: Template): BadInputCase {
  let body = spec.body;
  let type = spec.type ?? 'device.collected';
  let key = spec.key;
  if (body === undefined) {
    const event = fresh(type);
    spec.change?.(event);
    body = { json: event };
    key ??= typeof event.data?.deviceId === 'string' ? event.data.deviceId : event.id;
  }
  if ('json' in body && isEvent(body.json) && TOPIC_BY_EVENT_TYPE[body.json.type]) {
    type = body.json.type;
    key ??= String(body.json.data.deviceId);
  }
  return {
    name: spec.name,
    body,
    expectedCode: spec.expectedCode,
    doors: spec.doors ?? ['kafka', 'http'],
    decidedByTracker: spec.decidedByTracker ?? false,
    ...(spec.flaggedLater ? { flaggedLater: spec.flaggedLater } : {}),
    key: key ?? spec.name,
    topic: TOPIC_BY_EVENT_TYPE[type],
    kafkaHeaders: spec.kafkaHeaders ?? STRUCTURED,
  };
}

function isEvent(value: unknown): value is RawDeviceEvent {
  return typeof value === 'object' && value !== null && typeof (value as RawDeviceEvent).data === 'object';
}

/** The bytes a case sends (its JSON text, or its raw body); null for a tombstone. */
export function corpusBodyBytes(testCase: BadInputCase): Buffer | null {
  const { body } = testCase;
  if ('tombstone' in body) return null;
  if ('raw' in body) return Buffer.isBuffer(body.raw) ? body.raw : Buffer.from(body.raw, 'utf8');
  return Buffer.from(JSON.stringify(body.json), 'utf8');
}

/**
 * What the door itself answers for a case: the tracker's decisions (id reuse, duplicates) are not the
 * door's, so there it accepts and the tracker decides later.
 */
export function expectedAtDoor(testCase: BadInputCase): CorpusOutcome {
  return testCase.decidedByTracker ? ACCEPTED : testCase.expectedCode;
}
