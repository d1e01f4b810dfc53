import {
  DynamicModule,
  Inject,
  Module,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KafkaProducerService } from '../kafka-producer.service';
import { OutboxHealthIndicator } from './outbox-health.indicator';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

/** A service's transactional outbox: an `OutboxWriter` for handlers and a relay running in the background. */
@Module({})
export class OutboxModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay) {}

  /** Global: a service has one outbox, which every use case module that publishes writes to. */
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
          provide: OUTBOX_RELAY,
          useFactory: (dataSource: DataSource, producer: KafkaProducerService) =>
            new OutboxRelay(dataSource, producer, { table }),
          inject: [DataSource, KafkaProducerService],
        },
      ],
      exports: [OutboxWriter, OUTBOX_RELAY, OutboxHealthIndicator],
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
