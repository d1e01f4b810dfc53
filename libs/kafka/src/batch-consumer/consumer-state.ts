import { Injectable } from '@nestjs/common';

export type ConsumerStatus = 'absent' | 'starting' | 'running' | 'restarting' | 'failed' | 'closed';

/**
 * What the service's batch consumer is doing, for readiness and for tests: the consumer is created after
 * the Nest application (it is a transport strategy), so it reports here rather than being injected.
 */
@Injectable()
export class ConsumerState {
  private current: ConsumerStatus = 'absent';
  private changedAt = new Date();

  get status(): ConsumerStatus {
    return this.current;
  }

  get since(): Date {
    return this.changedAt;
  }

  update(status: ConsumerStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.changedAt = new Date();
  }
}
