import { DynamicModule, Module } from '@nestjs/common';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { DatabaseHealthIndicator, DatabaseModule } from '@refurb/database';
import { KafkaHealthIndicator, KafkaModule, OutboxModule } from '@refurb/kafka';
import { HealthModule } from '@refurb/runtime';
import { TRACKER_MIGRATIONS } from './migrations';
import { DeviceEventsConsumer } from './record-device-events/device-events.consumer';
import { RecordDeviceEventsHandler } from './record-device-events/record-device-events.handler';
import { TrackerEnv } from './tracker.env';

/** Turns the four input topics into device cycles; dead-letters what it cannot accept. */
@Module({})
export class TrackerModule {
  static forRoot(env: TrackerEnv): DynamicModule {
    return {
      module: TrackerModule,
      imports: [
        DatabaseModule.forService(
          { url: env.DATABASE_URL, applicationName: 'tracker' },
          { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
        ),
        KafkaModule.forService({
          brokers: env.KAFKA_BROKERS,
          clientId: `${env.KAFKA_CLIENT_ID_PREFIX}-tracker`,
          partitions: env.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: env.KAFKA_REPLICATION_FACTOR,
          topics: [...INPUT_TOPICS, TOPICS.deadLetter, TOPICS.credited],
        }),
        OutboxModule.forTable('tracker.outbox'),
        HealthModule.forIndicators(DatabaseHealthIndicator, KafkaHealthIndicator),
      ],
      controllers: [DeviceEventsConsumer],
      providers: [RecordDeviceEventsHandler],
    };
  }
}
