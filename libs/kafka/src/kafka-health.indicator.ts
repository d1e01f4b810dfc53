import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DependencyHealth, HealthIndicator, probe } from '@refurb/health';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA_PROBE } from './kafka.tokens';

/** Whether the Kafka cluster answers a metadata request within the deadline. */
@Injectable()
export class KafkaHealthIndicator implements HealthIndicator, OnApplicationShutdown {
  readonly dependency = 'kafka';
  private readonly admin: Admin;
  private connected?: Promise<void>;

  // One attempt per probe (a client that never retries): readiness is polled anyway.
  constructor(@Inject(KAFKA_PROBE) kafka: Kafka) {
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
    await this.admin.disconnect();
  }
}
