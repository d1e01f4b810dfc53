import { Inject, Injectable } from '@nestjs/common';
import { AnyDeviceEvent, CodedError, RecordVerifier, TOPICS } from '@refurb/contracts';
import { ConsumedBatch, ConsumedMessage, DeadLetterReason, deadLetterFor, OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { DeviceEventStore } from '../storage/device-event.store';
import { lockDevices } from './device-locks';
import { AdmittedEvent, admitMessages } from './event-admission';
import { identityOf, StoredIdentities } from './event-identity';
import { applyHistoryLimits, HISTORY_LIMITS, HistoryLimits, historySizesOf } from './history-limits';
import { RegisteredSources } from './registered-sources';
import { Senders } from './sender-check';

/** The gateway's public keys, which events it relays (`partners/...`) must be signed with. */
export const GATEWAY_RECORD_VERIFIER = Symbol('GATEWAY_RECORD_VERIFIER');

export interface RecordedEvents {
  /** Events stored for the first time by this batch. */
  recorded: AnyDeviceEvent[];
  /** Exact re-deliveries of stored events: acknowledged, changed nothing. */
  duplicates: number;
  /** Refused and dead-lettered, each with its reason. */
  refused: RefusedEvent[];
  /**
   * The whole stored history of every device an event was recorded for, this batch's events included,
   * read under the devices' locks: what their cycles are derived from without reading it again.
   */
  histories: DeviceHistories;
}

/** Device id → every event stored for it, in no particular order (derivation does not depend on it). */
export type DeviceHistories = ReadonlyMap<string, readonly AnyDeviceEvent[]>;

/** A consumed message the tracker refused, with the reason its dead letter carries. */
export interface RefusedEvent {
  message: ConsumedMessage;
  reason: DeadLetterReason;
}

/**
 * Records one consumed batch of device events inside the consumer's transaction: new events are
 * stored once by `(source, id)`, exact duplicates are acknowledged and ignored, and everything refused
 * (invalid, from a sender that may not send it, a reused id or an id taken on its device, past a
 * device's or an order's history limit) goes to the dead-letter topic through the outbox with its
 * reason, so no message is ever lost.
 */
@Injectable()
export class RecordDeviceEventsHandler {
  constructor(
    private readonly store: DeviceEventStore,
    private readonly outbox: OutboxWriter,
    private readonly registeredSources: RegisteredSources,
    @Inject(GATEWAY_RECORD_VERIFIER) private readonly gateway: RecordVerifier,
    @Inject(HISTORY_LIMITS) private readonly limits: HistoryLimits,
  ) {}

  async record(batch: ConsumedBatch, manager: EntityManager, now = new Date()): Promise<RecordedEvents> {
    const senders: Senders = {
      registered: await this.registeredSources.current(manager),
      gateway: this.gateway,
    };
    const { admitted, refused } = admitMessages(batch.messages, now, senders);
    // Reading a device's history, adding to it and deriving from what was read must not interleave with
    // another transaction's: the locks are held to commit.
    await lockDevices(
      manager,
      admitted.map((candidate) => candidate.event.subject),
    );
    const storedBefore = await this.store.storedMatching(manager, eventsOf(admitted));
    const before = judge(admitted, storedBefore);
    // One read of each history serves both the limits here and the derivation after the insert.
    const stored = await this.store.loadForDevices(manager, devicesOf(before.fresh));
    const { within, overLimit } = applyHistoryLimits(before.fresh, historySizesOf(stored), this.limits);
    const inserted = await this.store.insertNew(manager, within);
    // An identity inserted meanwhile under another device's lock (a reused id) is found by a second look.
    const raced = within.filter((candidate) => !inserted.has(identityOf(candidate.event)));
    const after = judge(raced, await this.store.storedMatching(manager, eventsOf(raced)));
    if (after.fresh.length > 0) {
      // ON CONFLICT waits for the transaction it conflicts with: what it skipped is committed and found.
      throw new CodedError(
        'TRACKER.INCONSISTENT_EVENT_STORE',
        `${after.fresh.length} events were neither inserted nor found stored`,
      );
    }
    const refusals: RefusedEvent[] = [
      ...refused,
      ...before.refused,
      ...after.refused,
      ...overLimit.map(({ candidate, reason }) => ({ message: candidate.message, reason })),
    ];
    const deadLetters = refusals.map(({ message, reason }) =>
      deadLetterFor(TOPICS.deadLetter, message, reason, now),
    );
    await this.outbox.append(manager, deadLetters);
    const recorded = within
      .filter((candidate) => inserted.has(identityOf(candidate.event)))
      .map((c) => c.event);
    return {
      recorded,
      histories: historiesAfter(stored, recorded),
      duplicates:
        before.duplicates + after.duplicates + (batch.messages.length - admitted.length - refused.length),
      refused: refusals,
    };
  }
}

function eventsOf(candidates: readonly AdmittedEvent[]): AnyDeviceEvent[] {
  return candidates.map((candidate) => candidate.event);
}

function devicesOf(candidates: readonly AdmittedEvent[]): string[] {
  return [...new Set(candidates.map((candidate) => candidate.event.subject))];
}

/**
 * The recorded devices' histories with this batch's events added in their stored form (a JSON round
 * trip, as a later read of the jsonb column would give them), so that a derivation from this map and
 * one from a fresh read agree to the byte.
 */
function historiesAfter(stored: DeviceHistories, recorded: readonly AnyDeviceEvent[]): DeviceHistories {
  const histories = new Map<string, AnyDeviceEvent[]>();
  for (const event of recorded) {
    const history = histories.get(event.subject) ?? [...(stored.get(event.subject) ?? [])];
    history.push(JSON.parse(JSON.stringify(event)) as AnyDeviceEvent);
    histories.set(event.subject, history);
  }
  return histories;
}

/** Candidates against what is stored: new ones, exact duplicates (counted), and refusals. */
function judge(candidates: readonly AdmittedEvent[], stored: StoredIdentities) {
  const fresh: AdmittedEvent[] = [];
  const refused: RefusedEvent[] = [];
  let duplicates = 0;
  for (const candidate of candidates) {
    const verdict = stored.verdict(candidate.event, candidate.hash);
    if (verdict.kind === 'new') fresh.push(candidate);
    else if (verdict.kind === 'duplicate') duplicates += 1;
    else refused.push({ message: candidate.message, reason: verdict.reason });
  }
  return { fresh, refused, duplicates };
}
