import { Injectable } from '@nestjs/common';
import { DependencyHealth, HealthIndicator } from '@refurb/health';
import { ConsumerState } from './consumer-state';

/**
 * Ready only while the batch consumer is in its group. A service whose consumer is restarting, failed
 * for good or closed takes no part in processing, whatever its HTTP side says; the state says which.
 */
@Injectable()
export class ConsumerHealthIndicator implements HealthIndicator {
  readonly dependency = 'consumer';

  constructor(private readonly consumer: ConsumerState) {}

  check(): Promise<DependencyHealth> {
    const state = this.consumer.status;
    return Promise.resolve(
      state === 'running' ? { status: 'up', state } : { status: 'down', reason: 'NOT_RUNNING', state },
    );
  }
}
