import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { INPUT_TOPICS } from '@refurb/contracts';
import { BatchConsumer, BatchContext, ConsumedBatch } from '@refurb/kafka';
import { TrackDeviceEventsHandler } from './track-device-events.handler';

/** Thin: each input topic's batches go to the one use case, inside the batch transaction. */
@BatchConsumer()
export class DeviceEventsConsumer {
  constructor(private readonly trackDeviceEvents: TrackDeviceEventsHandler) {}

  @EventPattern([...INPUT_TOPICS])
  async onDeviceEvents(@Payload() batch: ConsumedBatch, @Ctx() context: BatchContext): Promise<void> {
    await this.trackDeviceEvents.track(batch, context.getManager());
  }
}
