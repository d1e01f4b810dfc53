import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** naive.refused_events: what the naive tracker would dead-letter, keyed by where it was read. */
@Entity({ schema: 'naive', name: 'refused_events' })
export class NaiveRefusedEvent {
  @PrimaryColumn({ type: 'text' })
  topic!: string;

  @PrimaryColumn({ type: 'integer' })
  partition!: number;

  /** Kafka offsets are 64-bit: kept as the broker's decimal string. */
  @PrimaryColumn({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
