import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { InputTopic, TOPICS } from '@refurb/contracts';
import { TrackNaiveEventService } from './track-naive-event.service';

/** The stock transport calls one handler per message, by topic: one pattern per input topic. */
@Controller()
export class NaiveDeviceEventsController {
  constructor(private readonly tracker: TrackNaiveEventService) {}

  @EventPattern(TOPICS.collection)
  onCollection(@Ctx() context: KafkaContext): Promise<void> {
    return this.track(TOPICS.collection, context);
  }

  @EventPattern(TOPICS.repair)
  onRepair(@Ctx() context: KafkaContext): Promise<void> {
    return this.track(TOPICS.repair, context);
  }

  @EventPattern(TOPICS.refurbishment)
  onRefurbishment(@Ctx() context: KafkaContext): Promise<void> {
    return this.track(TOPICS.refurbishment, context);
  }

  @EventPattern(TOPICS.resale)
  onResale(@Ctx() context: KafkaContext): Promise<void> {
    return this.track(TOPICS.resale, context);
  }

  private track(topic: InputTopic, context: KafkaContext): Promise<void> {
    const message = context.getMessage();
    return this.tracker.track({
      topic,
      partition: context.getPartition(),
      offset: message.offset,
      value: message.value,
      headers: message.headers ?? {},
    });
  }
}
