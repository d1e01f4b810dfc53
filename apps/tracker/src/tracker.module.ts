import { DynamicModule, Module } from '@nestjs/common';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { loadRecordSigner, loadRecordVerifier } from '@refurb/config';
import { DatabaseHealthIndicator, DatabaseModule } from '@refurb/database';
import {
  ConsumerHealthIndicator,
  KafkaHealthIndicator,
  KafkaModule,
  OutboxHealthIndicator,
  OutboxModule,
} from '@refurb/kafka';
import { HealthModule } from '@refurb/health';
import { MetricsModule } from '@refurb/metrics';
import { TrackerKeyGuard } from './auth/tracker-key.guard';
import { TrackerKeyRepository } from './auth/tracker-key.repository';
import { TRACKER_MIGRATIONS } from './migrations';
import { TrackDeviceEventsModule } from './track-device-events/track-device-events.module';
import { TrackerEnv } from './tracker.env';
import { DeviceQueryService } from './view-devices/device-query.service';
import { DevicesController } from './view-devices/devices.controller';

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
          ...env.kafkaClient('tracker'),
          partitions: env.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: env.KAFKA_REPLICATION_FACTOR,
          topics: [...INPUT_TOPICS, TOPICS.deadLetter, TOPICS.credited],
        }),
        MetricsModule.forService(),
        OutboxModule.forTable('tracker.outbox'),
        HealthModule.forIndicators(
          DatabaseHealthIndicator,
          KafkaHealthIndicator,
          ConsumerHealthIndicator,
          OutboxHealthIndicator,
        ),
        TrackDeviceEventsModule.configure({
          factorSetVersion: env.TRACKER_FACTOR_SET_VERSION,
          historyLimits: {
            eventsPerDevice: env.TRACKER_MAX_EVENTS_PER_DEVICE,
            eventsPerOrder: env.TRACKER_MAX_EVENTS_PER_ORDER,
          },
          // Read at start-up: a missing or bad key stops the tracker before it consumes anything.
          creditRecordSigner: loadRecordSigner(env.signingKey),
          gatewayRecordVerifier: loadRecordVerifier(env.gatewayPublicKeys),
        }),
      ],
      controllers: [DevicesController],
      providers: [DeviceQueryService, TrackerKeyRepository, TrackerKeyGuard],
    };
  }
}
