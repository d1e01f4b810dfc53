import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

type BatchContextArgs = [manager: EntityManager, heartbeat: () => Promise<void>];

/**
 * What a batch handler may use besides the messages: the PostgreSQL transaction that will also
 * record the consumer's offsets (write through it, never around it), and a heartbeat for long work.
 */
export class BatchContext extends BaseRpcContext<BatchContextArgs> {
  getManager(): EntityManager {
    return this.args[0];
  }

  heartbeat(): Promise<void> {
    return this.args[1]();
  }
}
