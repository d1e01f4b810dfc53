import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DependencyHealth, HealthIndicator, probe } from '@refurb/health';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA } from './kafka.tokens';

/** Whether the Kafka cluster answers a metadata request within the deadline. */
@Injectable()
export class KafkaHealthIndicator implements HealthIndicator, OnApplicationShutdown {
  readonly dependency = 'kafka';
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.admin = kafka.admin();
  }

  check(): Promise<DependencyHealth> {
    return probe(this.dependency, async () => {
      this.connected ??= this.admin.connect();
      try {
        await this.connected;
        await this.admin.describeCluster();
      } catch (error) {
        this.connected = undefined;
        throw error;
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }
}
