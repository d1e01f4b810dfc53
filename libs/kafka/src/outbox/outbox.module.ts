import {
  DynamicModule,
  Inject,
  Module,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DeadLetterMetrics } from '../dead-letter/dead-letter.metrics';
import { KafkaProducerService } from '../kafka-producer.service';
import { OutboxHealthIndicator } from './outbox-health.indicator';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

/** A service's transactional outbox: an `OutboxWriter` for handlers and a relay running in the background. */
@Module({})
export class OutboxModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay) {}

  /**
   * Global: a service has one outbox, which every use case module that publishes writes to. Its figures
   * and the dead letters written to it are reported in the service's metrics registry (MetricsModule).
   */
  static forTable(table: string): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [
        { provide: OutboxWriter, useValue: new OutboxWriter(table) },
        {
          provide: OutboxHealthIndicator,
          useFactory: (dataSource: DataSource) => new OutboxHealthIndicator(dataSource, table),
          inject: [DataSource],
        },
        {
          provide: OutboxMetrics,
          useFactory: (registry: Registry, dataSource: DataSource) =>
            new OutboxMetrics(registry, dataSource, table),
          inject: [Registry, DataSource],
        },
        {
          provide: DeadLetterMetrics,
          useFactory: (registry: Registry) => new DeadLetterMetrics(registry),
          inject: [Registry],
        },
        {
          provide: OUTBOX_RELAY,
          useFactory: (dataSource: DataSource, producer: KafkaProducerService) =>
            new OutboxRelay(dataSource, producer, { table }),
          inject: [DataSource, KafkaProducerService],
        },
      ],
      exports: [OutboxWriter, OUTBOX_RELAY, OutboxHealthIndicator, DeadLetterMetrics],
    };
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

export { OUTBOX_RELAY };
