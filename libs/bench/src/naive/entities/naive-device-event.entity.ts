import { AnyDeviceEvent } from '@refurb/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** naive.device_events: every accepted event, once by id. */
@Entity({ schema: 'naive', name: 'device_events' })
export class NaiveDeviceEvent {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Index('naive_device_events_device')
  @Column({ name: 'device_id', type: 'text' })
  deviceId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  event!: AnyDeviceEvent;

  /** sha256 of the canonical event: the same id with another hash is a reused id. */
  @Column({ name: 'event_hash', type: 'text' })
  eventHash!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
