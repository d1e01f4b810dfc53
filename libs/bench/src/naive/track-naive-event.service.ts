import { Injectable } from '@nestjs/common';
import {
  AnyDeviceEvent,
  canonicalJson,
  InputTopic,
  KafkaHeaders,
  readTopicMessage,
  RejectionCode,
} from '@refurb/contracts';
import { computeAvoidedEmissions, DEFAULT_FACTOR_SET } from '@refurb/emissions';
import { CreditEvidence, creditFingerprint, deriveDeviceCycles } from '@refurb/lifecycle';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { NaiveCycleCredit, NaiveDeviceEvent, NaiveRefusedEvent } from './entities';

/** One Kafka record as the stock Nest transport hands it over (value kept binary). */
export interface NaiveInputMessage {
  topic: InputTopic;
  partition: number;
  offset: string;
  value: Buffer | null;
  headers: KafkaHeaders;
}

/**
 * The per-message handler a NestJS team writes first: validate with the contract, then, in one
 * transaction per event, save it, reload the device's events, derive its cycles and save each credit
 * with the repository. Correct (idempotent on event id, the same validation and derivation as the
 * tracker) but never batched: the benchmark's baseline, not a service.
 */
@Injectable()
export class TrackNaiveEventService {
  constructor(private readonly dataSource: DataSource) {}

  async track(message: NaiveInputMessage, now = new Date()): Promise<void> {
    const read = readTopicMessage(message.topic, message, { now });
    if (!read.ok) {
      await this.refuse(this.dataSource.manager, message, read.problem.code, read.problem.message);
      return;
    }
    const event = read.message;
    await this.dataSource.transaction(async (manager) => {
      // One device at a time, should a second instance join the group and get its other topics.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [event.subject]);
      const hash = eventHash(event);
      const stored = await manager.findOneBy(NaiveDeviceEvent, { eventId: event.id });
      if (stored) {
        if (stored.eventHash !== hash) {
          await this.refuse(manager, message, RejectionCode.ID_REUSED, `event id ${event.id} was reused`);
        }
        return;
      }
      await manager.save(NaiveDeviceEvent, {
        eventId: event.id,
        deviceId: event.subject,
        type: event.type,
        event,
        eventHash: hash,
      });
      await this.rederive(manager, event.subject);
    });
  }

  /** All the device's events, its cycles derived again, and its credits saved one by one. */
  private async rederive(manager: EntityManager, deviceId: string): Promise<void> {
    const history = await manager.findBy(NaiveDeviceEvent, { deviceId });
    const { cycles } = deriveDeviceCycles(history.map((row) => row.event));
    const credited = new Set<string>();
    for (const cycle of cycles) {
      if (!cycle.credit) continue;
      credited.add(cycle.cycleId);
      await manager.save(NaiveCycleCredit, creditOf(cycle.credit));
    }
    const previous = await manager.findBy(NaiveCycleCredit, { deviceId });
    await manager.remove(previous.filter((credit) => !credited.has(credit.cycleId)));
  }

  private async refuse(
    manager: EntityManager,
    message: NaiveInputMessage,
    code: string,
    reason: string,
  ): Promise<void> {
    await manager.save(NaiveRefusedEvent, {
      topic: message.topic,
      partition: message.partition,
      kafkaOffset: message.offset,
      code,
      reason,
    });
  }
}

function creditOf(evidence: CreditEvidence): Omit<NaiveCycleCredit, 'updatedAt'> {
  const emissions = computeAvoidedEmissions(
    {
      category: evidence.category,
      partsReplaced: evidence.partsReplaced.map((replaced) => replaced.part),
      legs: evidence.legs.map(({ distanceKm, mode }) => ({ distanceKm, mode })),
    },
    DEFAULT_FACTOR_SET,
  );
  return {
    cycleId: evidence.cycleId,
    deviceId: evidence.deviceId,
    workshopId: evidence.workshopId,
    vintage: evidence.vintage,
    fingerprint: creditFingerprint(evidence),
    avoidedG: emissions.avoidedG,
    emissions,
  };
}

function eventHash(event: AnyDeviceEvent): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}
