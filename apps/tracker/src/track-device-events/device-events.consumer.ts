import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { INPUT_TOPICS } from '@refurb/contracts';
import { BatchConsumer, BatchContext, ConsumedBatch } from '@refurb/kafka';
import { DeviceEventsMetrics } from './device-events.metrics';
import { TrackDeviceEventsHandler } from './track-device-events.handler';

/**
 * Thin: each input topic's batches go to the one use case, inside the batch transaction; what it did is
 * counted once the transaction committed.
 */
@BatchConsumer()
export class DeviceEventsConsumer {
  constructor(
    private readonly trackDeviceEvents: TrackDeviceEventsHandler,
    private readonly metrics: DeviceEventsMetrics,
  ) {}

  @EventPattern([...INPUT_TOPICS])
  async onDeviceEvents(@Payload() batch: ConsumedBatch, @Ctx() context: BatchContext): Promise<void> {
    const tracked = await this.trackDeviceEvents.track(batch, context.getManager());
    context.onCommitted(() => this.metrics.tracked(tracked));
  }
}
