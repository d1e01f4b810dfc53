import { Inject, Injectable } from '@nestjs/common';
import { AnyDeviceEvent, TOPICS } from '@refurb/contracts';
import { ConsumedBatch, ConsumedMessage, DeadLetterReason, deadLetterFor, OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { DeviceEventStore } from '../storage/device-event.store';
import { lockDevices } from './device-locks';
import { AdmittedEvent, admitMessages, idReused } from './event-admission';
import { applyHistoryLimits, HISTORY_LIMITS, HistoryLimits, orderIdOf } from './history-limits';

export interface RecordedEvents {
  /** Events stored for the first time by this batch. */
  recorded: AnyDeviceEvent[];
  /** Exact re-deliveries of stored events: acknowledged, changed nothing. */
  duplicates: number;
  /** Refused and dead-lettered, each with its reason. */
  refused: RefusedEvent[];
}

/** A consumed message the tracker refused, with the reason its dead letter carries. */
export interface RefusedEvent {
  message: ConsumedMessage;
  reason: DeadLetterReason;
}

/**
 * Records one consumed batch of device events inside the consumer's transaction: new events are
 * stored once by id, exact duplicates are acknowledged and ignored, and everything refused (invalid,
 * a reused id, past a device's or an order's history limit) goes to the dead-letter topic through the
 * outbox with its reason, so no message is ever lost.
 */
@Injectable()
export class RecordDeviceEventsHandler {
  constructor(
    private readonly store: DeviceEventStore,
    private readonly outbox: OutboxWriter,
    @Inject(HISTORY_LIMITS) private readonly limits: HistoryLimits,
  ) {}

  async record(batch: ConsumedBatch, manager: EntityManager, now = new Date()): Promise<RecordedEvents> {
    const { admitted, refused } = admitMessages(batch.messages, now);
    // Counting a device's history and adding to it must not interleave with another transaction's.
    await lockDevices(
      manager,
      admitted.map((candidate) => candidate.event.subject),
    );
    const storedBefore = await this.store.hashesOf(manager, idsOf(admitted));
    const { within, overLimit } = await this.withinLimits(
      manager,
      admitted.filter((candidate) => !storedBefore.has(candidate.event.id)),
    );
    const inserted = await this.store.insertNew(manager, within);
    // An id inserted meanwhile under another device's lock (a reused id) is found by a second look.
    const raced = within.filter((candidate) => !inserted.has(candidate.event.id));
    const stored = new Map([...storedBefore, ...(await this.store.hashesOf(manager, idsOf(raced)))]);
    const alreadyStored = [...admitted.filter((c) => storedBefore.has(c.event.id)), ...raced];
    const reused = alreadyStored.filter((candidate) => stored.get(candidate.event.id) !== candidate.hash);
    const refusals: RefusedEvent[] = [
      ...refused.map(({ message, rejection }) => ({ message, reason: rejection })),
      ...reused.map((candidate) => ({ message: candidate.message, reason: idReused(candidate.event.id) })),
      ...overLimit.map(({ candidate, reason }) => ({ message: candidate.message, reason })),
    ];
    const deadLetters = refusals.map(({ message, reason }) =>
      deadLetterFor(TOPICS.deadLetter, message, reason, now),
    );
    await this.outbox.append(manager, deadLetters);
    return {
      recorded: within.filter((candidate) => inserted.has(candidate.event.id)).map((c) => c.event),
      duplicates:
        alreadyStored.length - reused.length + (batch.messages.length - admitted.length - refused.length),
      refused: refusals,
    };
  }

  private async withinLimits(manager: EntityManager, fresh: readonly AdmittedEvent[]) {
    const devices = [...new Set(fresh.map((candidate) => candidate.event.subject))];
    const orders = new Map<string, { deviceId: string; orderId: string }>();
    for (const { event } of fresh) {
      const orderId = orderIdOf(event);
      if (orderId !== null)
        orders.set(JSON.stringify([event.subject, orderId]), { deviceId: event.subject, orderId });
    }
    const sizes = await this.store.historySizes(manager, devices, [...orders.values()]);
    return applyHistoryLimits(fresh, sizes, this.limits);
  }
}

function idsOf(candidates: readonly AdmittedEvent[]): string[] {
  return candidates.map((candidate) => candidate.event.id);
}
