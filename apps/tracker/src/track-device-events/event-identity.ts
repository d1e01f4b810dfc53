import { AnyDeviceEvent, Rejection } from '@refurb/contracts';
import { DeadLetterReason } from '@refurb/kafka';

export const EVENT_ID_TAKEN_ON_DEVICE = 'TRACKER.EVENT_ID_TAKEN_ON_DEVICE';

/**
 * An event is identified by `(source, id)`, as CloudEvents defines it; within one device's history its id
 * must also be unique, because the lifecycle and the credit evidence name events by id within a device
 * (docs/decisions.md, "Event ids are unique per source, and per device").
 */
export function identityOf(event: Pick<AnyDeviceEvent, 'source' | 'id'>): string {
  return JSON.stringify([event.source, event.id]);
}

export function idOnDeviceOf(event: Pick<AnyDeviceEvent, 'subject' | 'id'>): string {
  return JSON.stringify([event.subject, event.id]);
}

/** A stored event, as far as telling a new event from a duplicate or a clash needs. */
export interface StoredEventIdentity {
  source: string;
  eventId: string;
  deviceId: string;
  hash: string;
}

export type StoredVerdict =
  { kind: 'new' } | { kind: 'duplicate' } | { kind: 'refused'; reason: DeadLetterReason };

/** The stored events that share an identity or an id on a device with the events of a batch. */
export class StoredIdentities {
  private readonly hashes = new Map<string, string>();
  private readonly sourcesOnDevice = new Map<string, string>();

  constructor(stored: readonly StoredEventIdentity[]) {
    for (const row of stored) {
      this.hashes.set(identityOf({ source: row.source, id: row.eventId }), row.hash);
      this.sourcesOnDevice.set(idOnDeviceOf({ subject: row.deviceId, id: row.eventId }), row.source);
    }
  }

  /**
   * The same identity with the same content is an exact duplicate, with other content a reused id;
   * another source's event holding the id on the same device is a clash, refused rather than stored
   * beside it (or silently taken for a duplicate).
   */
  verdict(event: AnyDeviceEvent, hash: string): StoredVerdict {
    const storedHash = this.hashes.get(identityOf(event));
    if (storedHash !== undefined) {
      return storedHash === hash ? { kind: 'duplicate' } : { kind: 'refused', reason: idReused(event.id) };
    }
    const holder = this.sourcesOnDevice.get(idOnDeviceOf(event));
    return holder === undefined
      ? { kind: 'new' }
      : { kind: 'refused', reason: idTakenOnDevice(event, holder) };
  }
}

export function idReused(eventId: string): Rejection {
  return {
    code: 'EVENT.ID_REUSED',
    message: `Event id ${JSON.stringify(eventId)} was already recorded with a different payload`,
    field: 'id',
  };
}

export function idTakenOnDevice(event: AnyDeviceEvent, holderSource: string): DeadLetterReason {
  return {
    code: EVENT_ID_TAKEN_ON_DEVICE,
    message:
      `Event id ${JSON.stringify(event.id)} is already taken on ${event.subject} by source ` +
      `${JSON.stringify(holderSource)}: within one device an id names one event`,
    field: 'id',
  };
}
