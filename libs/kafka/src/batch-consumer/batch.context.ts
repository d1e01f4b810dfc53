import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

type BatchContextArgs = [
  topic: string,
  partition: number,
  manager: EntityManager,
  heartbeat: () => Promise<void>,
];

/**
 * What a batch handler may use besides the messages: the PostgreSQL transaction that will also
 * record the consumer's offsets (write through it, never around it), and a heartbeat for long work.
 */
export class BatchContext extends BaseRpcContext<BatchContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }

  getManager(): EntityManager {
    return this.args[2];
  }

  heartbeat(): Promise<void> {
    return this.args[3]();
  }
}
