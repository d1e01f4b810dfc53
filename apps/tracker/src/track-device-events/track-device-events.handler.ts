import { Injectable } from '@nestjs/common';
import { ConsumedBatch } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { RecordDeviceEventsHandler, RecordedEvents } from './record-device-events.handler';
import { RederiveDeviceCyclesHandler, RederivedDevices } from './rederive-device-cycles.handler';

export type TrackedBatch = RecordedEvents & RederivedDevices;

/** One consumed batch, in the consumer's transaction: record the events, then re-derive their devices. */
@Injectable()
export class TrackDeviceEventsHandler {
  constructor(
    private readonly recordDeviceEvents: RecordDeviceEventsHandler,
    private readonly rederiveDeviceCycles: RederiveDeviceCyclesHandler,
  ) {}

  async track(batch: ConsumedBatch, manager: EntityManager, now = new Date()): Promise<TrackedBatch> {
    const recorded = await this.recordDeviceEvents.record(batch, manager, now);
    const tracked = await this.rederiveDeviceCycles.rederive(manager, recorded.histories, now);
    return { ...recorded, ...tracked };
  }
}
