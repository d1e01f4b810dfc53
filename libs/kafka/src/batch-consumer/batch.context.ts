import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

type BatchContextArgs = [
  manager: EntityManager,
  heartbeat: () => Promise<void>,
  onCommitted: (callback: () => void) => void,
];

/**
 * What a batch handler may use besides the messages: the PostgreSQL transaction that will also
 * record the consumer's offsets (write through it, never around it), a heartbeat for long work, and
 * what to do once that transaction committed.
 */
export class BatchContext extends BaseRpcContext<BatchContextArgs> {
  getManager(): EntityManager {
    return this.args[0];
  }

  heartbeat(): Promise<void> {
    return this.args[1]();
  }

  /**
   * Runs `callback` once the batch's transaction committed, and never if it rolls back: what a
   * transaction decided (say, a count of dead letters for the metrics) is a fact only then, and a
   * batch that rolls back is processed again.
   */
  onCommitted(callback: () => void): void {
    this.args[2](callback);
  }
}
