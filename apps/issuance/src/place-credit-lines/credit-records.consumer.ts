import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@refurb/contracts';
import { BatchConsumer, BatchContext, ConsumedBatch } from '@refurb/kafka';
import { PlaceCreditLinesHandler } from './place-credit-lines.handler';

/** Thin: each batch of credit records goes to the one use case, inside the batch transaction. */
@BatchConsumer()
export class CreditRecordsConsumer {
  constructor(private readonly placeCreditLines: PlaceCreditLinesHandler) {}

  @EventPattern(TOPICS.credited)
  async onCreditRecords(@Payload() batch: ConsumedBatch, @Ctx() context: BatchContext): Promise<void> {
    await this.placeCreditLines.place(batch, context.getManager());
  }
}
