import {
  INPUT_TOPICS,
  isJsonObject,
  STRUCTURED_HEADERS,
  TOPICS,
  validateDeviceEvent,
} from '@refurb/contracts';
import {
  ACCEPTED,
  badInputCorpus,
  BadInputCase,
  DUPLICATE,
  validDeviceEvents,
} from '@refurb/contracts/testing';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  readRange,
  TestDatabase,
} from '@refurb/testing';
import { Admin, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { IngestEventsResult } from '../../apps/gateway/src/ingest-events/ingest-result';
import { partnerSource } from '../../apps/gateway/src/partner-keys/partner';
import {
  expectedAtHttpDoor,
  HTTP_DOOR_DIFFERENCES,
  HttpDoorExpectation,
  HttpDoorRequest,
  httpRequestOf,
} from '../support/http-door-corpus';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';
import { InProcessTracker, startTracker } from '../support/in-process-service';
import { LocatedMessage, readLocatedRange } from '../support/located-range';
import { trackerCaughtUp, trackerDatabase } from '../support/tracker-database';

const PARTNER = 'all-types';

interface StoredRow {
  event_id: string;
  topic: string;
  partition: number;
  kafka_offset: string;
  event: Record<string, unknown>;
}

/** One request of the run (one event each): a corpus case, or a valid event sent between two cases. */
interface Sent {
  name: string;
  expected: HttpDoorExpectation;
  request: HttpDoorRequest;
  /** The id the request's event carries, when it is a string. */
  sentId?: string;
  status: number;
  /** The request-level error (4xx: code, message), or the door's answer for the one event (202). */
  answer: Partial<IngestEventsResult> & { code?: string; message?: unknown };
}

/** Where a sent message went: refused at the door, or accepted there and then produced to Kafka. */
type DoorVerdict = { accepted: false; code: string } | { accepted: true; id: string };

const coordinates = (topic: string, partition: number | string, offset: string) =>
  `${topic}/${partition}/${offset}`;
const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
const sourceOf = (letter: KafkaMessage) =>
  coordinates(
    header(letter, 'dlq-source-topic') ?? '',
    header(letter, 'dlq-source-partition') ?? '',
    header(letter, 'dlq-source-offset') ?? '',
  );

function idOf(value: unknown): string | undefined {
  const id: unknown = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The id of a Kafka message's structured event; undefined for anything else (other tests' bad input). */
function messageIdOf({ message }: LocatedMessage): string | undefined {
  try {
    return idOf(JSON.parse(message.value?.toString() ?? ''));
  } catch {
    return undefined;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** The door's verdict on the request's only event; anything but one clear answer is reported as such. */
function verdictOf({ status, answer }: Sent): DoorVerdict | string {
  if (status >= 400 && status < 500 && answer.code) return { accepted: false, code: answer.code };
  if (status !== 202) return `HTTP ${status}`;
  const [result, ...more] = answer.results ?? [];
  if (!result || more.length > 0 || result.index !== 0) return `${answer.results?.length ?? 0} results`;
  if (answer.accepted! + answer.rejected! !== 1)
    return `accepted ${answer.accepted} rejected ${answer.rejected}`;
  return result.status === 'accepted'
    ? { accepted: true, id: result.id }
    : { accepted: false, code: result.code };
}

function doorAnswerOf(message: Sent): { name: string; status: number; atDoor: string } {
  const verdict = verdictOf(message);
  const atDoor = typeof verdict === 'string' ? verdict : verdict.accepted ? ACCEPTED : verdict.code;
  return { name: message.name, status: message.status, atDoor };
}

/**
 * Pairs each accepted request with the message the gateway produced for it. Requests are sent one
 * after another and a pair sharing an id shares a key, so one partition: the messages of one id, in
 * offset order, are its accepted requests in sending order. Returns as unaccounted every message of the
 * range that carries the run id or an accepted id (ids such as a blank one are not the run's own, so
 * other tests may send them too) and that no accepted request claims.
 */
function followProduced(
  sent: readonly Sent[],
  runId: string,
  range: readonly LocatedMessage[],
): { producedFor: Map<number, LocatedMessage>; unaccounted: LocatedMessage[] } {
  const acceptedIds = new Set(
    sent.flatMap((m) => m.answer.results?.filter((r) => r.status === 'accepted').map((r) => r.id) ?? []),
  );
  const ours = range.filter((located) => {
    const id = messageIdOf(located);
    return located.message.value?.toString().includes(runId) || (id !== undefined && acceptedIds.has(id));
  });
  const byId = groupBy(ours, (located) => messageIdOf(located) ?? '');
  for (const queue of byId.values())
    queue.sort((a, b) => Number(a.message.offset) - Number(b.message.offset));
  const producedFor = new Map<number, LocatedMessage>();
  sent.forEach((message, index) => {
    const verdict = verdictOf(message);
    if (typeof verdict === 'string' || !verdict.accepted) return;
    const next = byId.get(verdict.id)?.shift();
    if (next) producedFor.set(index, next);
  });
  return { producedFor, unaccounted: [...byId.values()].flat() };
}

describe('HTTP door: every bad input is answered with its reason, and what is accepted is stored, ignored or dead-lettered once', () => {
  const kafka = new KafkaTestClient();
  const runId = `http-corpus-${randomUUID().slice(0, 8)}`;
  const now = new Date();
  const corpus = badInputCorpus({ runId, now }).filter((c) => c.doors.includes('http'));
  const valid = validDeviceEvents(corpus.length, { runId, now });
  let database: TestDatabase;
  let admin: Admin;
  let gateway: InProcessGateway | undefined;
  let tracker: InProcessTracker | undefined;
  let sent: Sent[];
  /** The Kafka message each accepted request produced, by index in `sent`. */
  let producedFor: Map<number, LocatedMessage>;
  /** Messages of the run's range carrying our ids or run id that no accepted request accounts for. */
  let unaccounted: LocatedMessage[];
  let rowsAt: Map<string, StoredRow[]>;
  let rowById: Map<string, StoredRow>;
  let deadLettersAt: Map<string, KafkaMessage[]>;
  let deadLettersSinceStart: KafkaMessage[];

  async function post(apiKey: string, request: HttpDoorRequest): Promise<Pick<Sent, 'status' | 'answer'>> {
    const response = await fetch(`${gateway!.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': request.contentType },
      body: request.body,
    });
    return { status: response.status, answer: (await response.json()) as Sent['answer'] };
  }

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    admin = kafka.kafka.admin();
    await admin.connect();

    // The tracker starts where the shared input topics end now: earlier tests' messages are not ours.
    const groupId = `http-corpus-${randomUUID()}`;
    const inputStart = await eventually(
      () => highWatermarks(admin, INPUT_TOPICS),
      () => true,
      { what: 'input topic offsets' },
    );
    database = await trackerDatabase('gateway_door_corpus', groupId, inputStart);
    const deadLetterStart = await highWatermarks(admin, [TOPICS.deadLetter]);
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    // Both services share the test's database, each in its own schema, as they do by default.
    gateway = await startGateway(database, { GATEWAY_RATE_LIMIT_BURST: '1000000' });
    await gateway.partners.seedDemoPartners();
    const { apiKey } = await gateway.partners.createKey(PARTNER, runId);

    // One request per message, in order; valid events, sent alone, between the cases, sent as batches of one.
    const plan = corpus.flatMap((testCase: BadInputCase, i) => {
      const validBody = Buffer.from(JSON.stringify(valid[i]), 'utf8');
      return [
        {
          name: `valid ${valid[i].type} #${i}`,
          expected: { status: 202, atDoor: ACCEPTED, outcome: ACCEPTED },
          request: { body: validBody, contentType: 'application/cloudevents+json', event: valid[i] },
        },
        { name: testCase.name, expected: expectedAtHttpDoor(testCase), request: httpRequestOf(testCase) },
      ];
    });
    sent = [];
    for (const message of plan) {
      sent.push({
        ...message,
        sentId: idOf(message.request.event),
        ...(await post(apiKey, message.request)),
      });
    }

    // The gateway answers only once Kafka acknowledged: everything it produced is below these offsets.
    const inputEnd = await highWatermarks(admin, INPUT_TOPICS);
    await eventually(
      () => trackerCaughtUp(database, groupId, inputEnd),
      (done) => done,
      { timeoutMs: 180_000, what: 'the tracker to process the run and relay its dead letters' },
    );

    ({ producedFor, unaccounted } = followProduced(
      sent,
      runId,
      await readLocatedRange(kafka.kafka, inputStart, inputEnd),
    ));

    const rows = await database.query<StoredRow>(
      'SELECT event_id, topic, partition, kafka_offset::text, event FROM tracker.device_events',
    );
    rowsAt = groupBy(rows, (row) => coordinates(row.topic, row.partition, row.kafka_offset));
    rowById = new Map(rows.map((row) => [row.event_id, row]));
    deadLettersSinceStart = await readRange(
      kafka.kafka,
      TOPICS.deadLetter,
      deadLetterStart,
      await highWatermarks(admin, [TOPICS.deadLetter]),
    );
    deadLettersAt = groupBy(deadLettersSinceStart, sourceOf);
  }, 600_000);

  afterAll(async () => {
    await gateway?.close();
    await tracker?.close();
    await admin?.disconnect();
    await kafka.close();
    await database?.drop();
  });

  const locationOf = ({ topic, partition, message }: LocatedMessage) =>
    coordinates(topic, partition, message.offset);

  /** What became of one sent message, told apart from lost (nothing) and doubled (more than one end). */
  function outcomeOf(index: number): string {
    const verdict = verdictOf(sent[index]);
    if (typeof verdict === 'string') return verdict;
    if (!verdict.accepted) return verdict.code;
    const located = producedFor.get(index);
    if (!located) return 'ACCEPTED BUT NOT PRODUCED';
    const rows = rowsAt.get(locationOf(located)) ?? [];
    const letters = deadLettersAt.get(locationOf(located)) ?? [];
    if (rows.length === 1 && letters.length === 0) return ACCEPTED;
    if (rows.length === 0 && letters.length === 1) return header(letters[0], 'dlq-reason-code') ?? 'NO CODE';
    if (rows.length === 0 && letters.length === 0) return rowById.has(verdict.id) ? DUPLICATE : 'LOST';
    return `DOUBLED (${rows.length} rows, ${letters.length} dead letters)`;
  }

  it(`sends at least 40 bad inputs (${corpus.length}) through the HTTP door, between as many valid events`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(sent).toHaveLength(corpus.length * 2);
    // Every door-specific expectation names a case that exists, so none silently stops applying.
    const names = new Set(corpus.map((c) => c.name));
    expect(Object.keys(HTTP_DOOR_DIFFERENCES).filter((name) => !names.has(name))).toEqual([]);
  });

  it('answers each request with its expected status and code: refused whole, rejected per event, or accepted', () => {
    const actual = sent.map(doorAnswerOf);
    const expected = sent.map((m) => ({
      name: m.name,
      status: m.expected.status,
      atDoor: m.expected.atDoor,
    }));
    expect(actual).toEqual(expected);
  });

  it('explains a refused request with a code and a message, and answers each event with its id', () => {
    for (const message of sent) {
      const [result] = message.answer.results ?? [];
      const actual =
        message.status === 202
          ? { id: result?.id, message: result?.status === 'rejected' ? typeof result.message : 'none' }
          : { code: typeof message.answer.code, message: typeof message.answer.message };
      const expected =
        message.status === 202
          ? { id: message.sentId ?? null, message: result?.status === 'rejected' ? 'string' : 'none' }
          : { code: 'string', message: 'string' };
      expect({ name: message.name, ...actual }).toEqual({ name: message.name, ...expected });
    }
  });

  it('ends each message once: refused at the door with its code, or stored, ignored as a duplicate or dead-lettered', () => {
    const actual = sent.map((message, index) => ({ name: message.name, outcome: outcomeOf(index) }));
    const expected = sent.map((message) => ({ name: message.name, outcome: message.expected.outcome }));
    expect(actual).toEqual(expected);
  });

  it('accepted + rejected = sent, message for message, and Kafka holds exactly the accepted ones', () => {
    const verdicts = sent.map((message) => ({ name: message.name, verdict: verdictOf(message) }));
    const accepted = verdicts.filter(({ verdict }) => typeof verdict !== 'string' && verdict.accepted);
    const rejected = verdicts.filter(({ verdict }) => typeof verdict !== 'string' && !verdict.accepted);
    expect(accepted.length + rejected.length).toBe(sent.length);
    expect([...accepted, ...rejected].map((v) => v.name).sort()).toEqual(sent.map((m) => m.name).sort());

    // Each accepted request produced one message, a refused one none, and nothing else carries our ids.
    expect(producedFor.size).toBe(accepted.length);
    expect(unaccounted.map(({ message }) => message.value?.toString().slice(0, 120))).toEqual([]);

    const ours = new Set([...producedFor.values()].map(locationOf));
    const stored = [...rowsAt.keys()].filter((at) => ours.has(at)).length;
    const duplicates = sent.filter((_, index) => outcomeOf(index) === DUPLICATE).length;
    const lettersOfOurs = deadLettersSinceStart.filter((letter) => ours.has(sourceOf(letter))).length;
    expect(stored + duplicates + lettersOfOurs).toBe(accepted.length);
    // No dead letter of this run's messages comes from anywhere else than a message accounted for.
    const lettersOfRun = deadLettersSinceStart.filter((letter) => letter.value?.toString().includes(runId));
    expect(lettersOfRun.filter((letter) => !ours.has(sourceOf(letter))).map(sourceOf)).toEqual([]);
  });

  it('produces each accepted event keyed by its device, in structured mode, as the API key’s partner', () => {
    for (const [index, { message }] of producedFor) {
      const value = JSON.parse(message.value!.toString()) as { subject: string; source: string };
      expect({
        name: sent[index].name,
        key: message.key?.toString(),
        contentType: header(message, 'content-type'),
        source: value.source,
      }).toEqual({
        name: sent[index].name,
        key: value.subject,
        contentType: STRUCTURED_HEADERS['content-type'],
        source: partnerSource(PARTNER),
      });
    }
  });

  it('follows the cases only the tracker can decide from the door to their end', () => {
    const decided = corpus.filter((c) => c.decidedByTracker).map((c) => c.name);
    const actual = decided.map((name) => {
      const index = sent.findIndex((m) => m.name === name);
      return { name, atDoor: doorAnswerOf(sent[index]).atDoor, outcome: outcomeOf(index) };
    });
    const expected = corpus
      .filter((c) => c.decidedByTracker)
      .map((c) => ({ name: c.name, atDoor: ACCEPTED, outcome: c.expectedCode }));
    expect(actual).toEqual(expected);
    // The corpus still holds each kind of late decision: a reused id, and re-deliveries.
    expect(expected.map((e) => e.outcome)).toEqual(expect.arrayContaining(['EVENT.ID_REUSED', DUPLICATE]));
  });

  it('dead-letters the produced message byte for byte, with the tracker’s reason', () => {
    const expectedLetters = sent.filter(
      (m) => m.expected.atDoor === ACCEPTED && ![ACCEPTED, DUPLICATE].includes(m.expected.outcome),
    );
    expect(expectedLetters.length).toBeGreaterThan(0);
    let checked = 0;
    for (const [index, located] of producedFor) {
      const [letter] = deadLettersAt.get(locationOf(located)) ?? [];
      if (!letter) continue;
      checked += 1;
      expect({
        name: sent[index].name,
        key: letter.key?.toString(),
        value: letter.value,
        code: header(letter, 'dlq-reason-code'),
      }).toEqual({
        name: sent[index].name,
        key: located.message.key?.toString(),
        value: located.message.value,
        code: sent[index].expected.outcome,
      });
    }
    expect(checked).toBe(expectedLetters.length);
  });

  it('stores accepted events normalised with the partner as source, hostile text verbatim and inert', () => {
    sent.forEach((message, index) => {
      if (outcomeOf(index) !== ACCEPTED) return;
      const [row] = rowsAt.get(locationOf(producedFor.get(index)!)) ?? [];
      const { event } = message.request;
      const input = isJsonObject(event) ? { ...event, source: partnerSource(PARTNER) } : event;
      const validation = validateDeviceEvent(input, { now });
      expect({ name: message.name, stored: row?.event }).toEqual({
        name: message.name,
        stored: validation.ok ? validation.event : validation.rejection,
      });
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the part-not-in-category repair is accepted and stored for now (flagged later by the tracker)', () => {
    const flagged = corpus.filter((c) => c.flaggedLater !== undefined).map((c) => c.name);
    expect(flagged).toEqual(['part not in category: a keyboard replaced on a smartphone']);
    expect(outcomeOf(sent.findIndex((m) => m.name === flagged[0]))).toBe(ACCEPTED);
  });
});
