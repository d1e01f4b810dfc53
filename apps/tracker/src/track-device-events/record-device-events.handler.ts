import { Injectable } from '@nestjs/common';
import { AnyDeviceEvent, TOPICS } from '@refurb/contracts';
import { ConsumedBatch, deadLetterFor, OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { DeviceEventStore } from '../storage/device-event.store';
import { admitMessages, idReused, RefusedMessage } from './event-admission';

export interface RecordedEvents {
  /** Events stored for the first time by this batch. */
  recorded: AnyDeviceEvent[];
  /** Exact re-deliveries of stored events: acknowledged, changed nothing. */
  duplicates: number;
  /** Refused and dead-lettered, each with its reason. */
  refused: RefusedMessage[];
}

/**
 * Records one consumed batch of device events inside the consumer's transaction: new events are
 * stored once by id, exact duplicates are acknowledged and ignored, and everything refused goes to
 * the dead-letter topic through the outbox with its reason, so no message is ever lost.
 */
@Injectable()
export class RecordDeviceEventsHandler {
  constructor(
    private readonly store: DeviceEventStore,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(batch: ConsumedBatch, manager: EntityManager, now = new Date()): Promise<RecordedEvents> {
    const { admitted, refused } = admitMessages(batch.messages, now);
    const inserted = await this.store.insertNew(manager, admitted);
    const alreadyStored = admitted.filter((candidate) => !inserted.has(candidate.event.id));
    const storedHashes = await this.store.hashesOf(
      manager,
      alreadyStored.map((candidate) => candidate.event.id),
    );
    const reused: RefusedMessage[] = alreadyStored
      .filter((candidate) => storedHashes.get(candidate.event.id) !== candidate.hash)
      .map((candidate) => ({ message: candidate.message, rejection: idReused(candidate.event.id) }));
    const refusals = [...refused, ...reused];
    const deadLetters = refusals.map(({ message, rejection }) =>
      deadLetterFor(TOPICS.deadLetter, message, rejection, now),
    );
    await this.outbox.append(manager, deadLetters);
    return {
      recorded: admitted.filter((candidate) => inserted.has(candidate.event.id)).map((c) => c.event),
      duplicates:
        alreadyStored.length - reused.length + (batch.messages.length - admitted.length - refused.length),
      refused: refusals,
    };
  }
}
