import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@refurb/contracts';
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
import { ApiKeyGuard } from './auth/api-key.guard';
import { BatchTransitionsMetrics } from './batches/batch-transitions.metrics';
import { ConsolePageController } from './console/console-page.controller';
import { ConsoleSessionController } from './console/console-session.controller';
import { ConsoleSessionRepository } from './console/console-session.repository';
import { ConsoleSessionsService } from './console/console-sessions.service';
import { CreditRecordsConsumer } from './place-credit-lines/credit-records.consumer';
import { FigureCheck } from './place-credit-lines/figure-check';
import { PlaceCreditLinesHandler } from './place-credit-lines/place-credit-lines.handler';
import { IssuanceEnv } from './issuance.env';
import { batchRecordSigner, creditRecordVerifier } from './issuance-keys';
import { ISSUANCE_HTTP_CONTROLLERS, ISSUANCE_OUTBOX_TABLE, ISSUANCE_PROVIDERS } from './issuance.providers';
import { ISSUANCE_MIGRATIONS } from './migrations';
import { SeedLocalOnBootService } from './projects/seed-local-on-boot.service';
import { ManageWebhooksHandler } from './webhooks/manage-webhooks.handler';
import { WebhookDeliveriesMetrics } from './webhooks/webhook-deliveries.metrics';
import { WebhookRelay } from './webhooks/webhook-relay.service';
import { webhookSettings } from './webhooks/webhook-settings';
import { WebhookSubscriptionRepository } from './webhooks/webhook-subscription.repository';
import { BatchLinesController } from './verifier-lines/batch-lines.controller';
import { trackerDeviceEvents } from './verifier-lines/tracker-device-events';
import { VerifierLinesQuery } from './verifier-lines/verifier-lines.query';

/** Credit issuance batches and the finance and verifier API. */
@Module({})
export class IssuanceModule {
  static forRoot(env: IssuanceEnv): DynamicModule {
    return {
      module: IssuanceModule,
      imports: [
        DatabaseModule.forService(
          { url: env.DATABASE_URL, applicationName: 'issuance' },
          { schema: 'issuance', entities: [], migrations: ISSUANCE_MIGRATIONS },
        ),
        KafkaModule.forService({
          ...env.kafkaClient('issuance'),
          partitions: env.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: env.KAFKA_REPLICATION_FACTOR,
          topics: [TOPICS.credited, TOPICS.batches, TOPICS.deadLetter],
        }),
        MetricsModule.forService(),
        OutboxModule.forTable(ISSUANCE_OUTBOX_TABLE),
        HealthModule.forIndicators(
          DatabaseHealthIndicator,
          KafkaHealthIndicator,
          ConsumerHealthIndicator,
          OutboxHealthIndicator,
        ),
      ],
      controllers: [
        CreditRecordsConsumer,
        ...ISSUANCE_HTTP_CONTROLLERS,
        ConsoleSessionController,
        ConsolePageController,
        BatchLinesController,
      ],
      providers: [
        ...ISSUANCE_PROVIDERS,
        { provide: IssuanceEnv, useValue: env },
        // The HTTP API's authentication: API keys, or the console's session (never the CLI's concern).
        ApiKeyGuard,
        ConsoleSessionRepository,
        ConsoleSessionsService,
        BatchTransitionsMetrics,
        // The consumer's use case only: operators' commands never read credit records.
        PlaceCreditLinesHandler,
        FigureCheck,
        // Webhooks are managed and relayed by the service; the CLI only enqueues deliveries with transitions.
        webhookSettings(env),
        WebhookSubscriptionRepository,
        ManageWebhooksHandler,
        WebhookRelay,
        WebhookDeliveriesMetrics,
        // The verifier's line reads: HTTP only, and the drill-down needs the tracker's API.
        VerifierLinesQuery,
        trackerDeviceEvents(env),
        batchRecordSigner(env),
        creditRecordVerifier(env),
        ...(env.ISSUANCE_SEED_LOCAL ? [SeedLocalOnBootService] : []),
      ],
    };
  }
}
