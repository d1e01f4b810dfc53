import { DynamicModule, Module } from '@nestjs/common';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { DatabaseHealthIndicator, DatabaseModule } from '@refurb/database';
import { KafkaHealthIndicator, KafkaModule, OutboxModule } from '@refurb/kafka';
import { HealthModule } from '@refurb/health';
import { DeviceQueryService } from './devices/device-query.service';
import { DevicesController } from './devices/devices.controller';
import { DeviceEventsConsumer } from './ingest-device-events/device-events.consumer';
import { IngestDeviceEventsHandler } from './ingest-device-events/ingest-device-events.handler';
import { TRACKER_MIGRATIONS } from './migrations';
import { DeviceEventStore } from './record-device-events/device-event.store';
import { RecordDeviceEventsHandler } from './record-device-events/record-device-events.handler';
import { CycleCreditRepository } from './track-cycles/cycle-credit.repository';
import { DeviceCycleRepository } from './track-cycles/device-cycle.repository';
import { FactorSetCheck } from './track-cycles/factor-set.check';
import { FactorSetRepository } from './track-cycles/factor-set.repository';
import {
  TRACKER_FACTOR_SET_VERSION,
  TrackDeviceCyclesHandler,
} from './track-cycles/track-device-cycles.handler';
import { TrackerEnv } from './tracker.env';

/** Turns the four input topics into device cycles and credit records; dead-letters what it cannot accept. */
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
      controllers: [DeviceEventsConsumer, DevicesController],
      providers: [
        { provide: TRACKER_FACTOR_SET_VERSION, useValue: env.TRACKER_FACTOR_SET_VERSION },
        FactorSetCheck,
        DeviceEventStore,
        RecordDeviceEventsHandler,
        DeviceCycleRepository,
        CycleCreditRepository,
        FactorSetRepository,
        TrackDeviceCyclesHandler,
        IngestDeviceEventsHandler,
        DeviceQueryService,
      ],
    };
  }
}
