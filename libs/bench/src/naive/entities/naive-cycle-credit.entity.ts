import { CycleCreditEmissions } from '@refurb/contracts';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** naive.cycle_credits: one row per cycle credit-eligible now, with its RL-REFURB-1 figure. */
@Entity({ schema: 'naive', name: 'cycle_credits' })
export class NaiveCycleCredit {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Index('naive_cycle_credits_device')
  @Column({ name: 'device_id', type: 'text' })
  deviceId!: string;

  @Column({ name: 'workshop_id', type: 'text' })
  workshopId!: string;

  @Column({ type: 'integer' })
  vintage!: number;

  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ name: 'avoided_g', type: 'integer' })
  avoidedG!: number;

  @Column({ type: 'jsonb' })
  emissions!: CycleCreditEmissions;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
