import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { ConsumerHealthIndicator } from './batch-consumer/consumer-health.indicator';
import { ConsumerState } from './batch-consumer/consumer-state';
import { createKafka, KafkaConnection } from './create-kafka';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { KafkaProducerService } from './kafka-producer.service';
import { KAFKA, KAFKA_PROBE } from './kafka.tokens';
import { provisionTopics, TopicLayout } from './topic-provisioner';

export interface KafkaModuleOptions extends KafkaConnection, TopicLayout {
  /** Topics this service reads or writes; created at start if missing. */
  topics: readonly string[];
}

const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

@Module({})
export class KafkaModule implements OnModuleInit {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  static forService(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        { provide: KAFKA, useFactory: () => createKafka(options) },
        { provide: KAFKA_PROBE, useFactory: () => createKafka(options, { retries: 0 }) },
        KafkaHealthIndicator,
        KafkaProducerService,
        ConsumerState,
        ConsumerHealthIndicator,
      ],
      exports: [
        KAFKA,
        KAFKA_PROBE,
        KafkaHealthIndicator,
        KafkaProducerService,
        ConsumerState,
        ConsumerHealthIndicator,
      ],
    };
  }

  /** Topics must exist before any consumer subscribes or producer writes. */
  async onModuleInit(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await provisionTopics(admin, this.options.topics, this.options);
    } finally {
      await admin.disconnect();
    }
  }
}
