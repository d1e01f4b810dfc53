import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@refurb/contracts';
import { BatchConsumer, BatchContext, ConsumedBatch, DeadLetterMetrics } from '@refurb/kafka';
import { PlaceCreditLinesHandler } from './place-credit-lines.handler';

/**
 * Thin: each batch of credit records goes to the one use case, inside the batch transaction; its dead
 * letters are counted once the transaction committed.
 */
@BatchConsumer()
export class CreditRecordsConsumer {
  constructor(
    private readonly placeCreditLines: PlaceCreditLinesHandler,
    private readonly deadLetters: DeadLetterMetrics,
  ) {}

  @EventPattern(TOPICS.credited)
  async onCreditRecords(@Payload() batch: ConsumedBatch, @Ctx() context: BatchContext): Promise<void> {
    const placed = await this.placeCreditLines.place(batch, context.getManager());
    context.onCommitted(() => this.deadLetters.written(placed.deadLettered));
  }
}
