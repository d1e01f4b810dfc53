import { Injectable } from '@nestjs/common';
import { ConsumedBatch } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import {
  RecordDeviceEventsHandler,
  RecordedEvents,
} from '../record-device-events/record-device-events.handler';
import { TrackDeviceCyclesHandler, TrackedDevices } from '../track-cycles/track-device-cycles.handler';

export type IngestedBatch = RecordedEvents & TrackedDevices;

/** One consumed batch, in the consumer's transaction: record the events, then re-derive their devices. */
@Injectable()
export class IngestDeviceEventsHandler {
  constructor(
    private readonly recordDeviceEvents: RecordDeviceEventsHandler,
    private readonly trackDeviceCycles: TrackDeviceCyclesHandler,
  ) {}

  async execute(batch: ConsumedBatch, manager: EntityManager, now = new Date()): Promise<IngestedBatch> {
    const recorded = await this.recordDeviceEvents.execute(batch, manager, now);
    const tracked = await this.trackDeviceCycles.execute(
      manager,
      recorded.recorded.map((event) => event.subject),
      now,
    );
    return { ...recorded, ...tracked };
  }
}
