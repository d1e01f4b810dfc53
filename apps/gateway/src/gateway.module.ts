import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { DatabaseHealthIndicator, DatabaseModule } from '@refurb/database';
import { KafkaHealthIndicator, KafkaModule } from '@refurb/kafka';
import { HealthModule } from '@refurb/health';
import { MetricsModule } from '@refurb/metrics';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthenticatePartnerMiddleware } from './auth/authenticate-partner.middleware';
import { PartnerAuthenticator } from './auth/partner-authenticator.service';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { GATEWAY_SCHEMA, gatewayConnection } from './gateway-database';
import { GatewayEnv } from './gateway.env';
import { EventsBodyMiddleware } from './ingest-events/events-body.middleware';
import { IngestEventsController } from './ingest-events/ingest-events.controller';
import { IngestEventsHandler } from './ingest-events/ingest-events.handler';
import { IngestEventsMetrics } from './ingest-events/ingest-events.metrics';
import { relayedEventSigner } from './ingest-events/relayed-event-signer';
import { PartnerKeysService } from './partner-keys/partner-keys.service';
import { PartnerRepository } from './partner-keys/partner.repository';
import { EventRateLimitGuard } from './rate-limit/event-rate-limit.guard';
import { EventRateLimiter } from './rate-limit/event-rate-limiter.service';
import { StationApiController } from './station/station-api.controller';
import { StationBodyMiddleware } from './station/station-body.middleware';
import { StationPageController } from './station/station-page.controller';
import { StationSessionGuard } from './station/station-session.guard';
import { StationSessionRepository } from './station/station-session.repository';
import { StationSessionsService } from './station/station-sessions.service';
import { StationTrackerClient } from './station/station-tracker.client';

/**
 * HTTP front door for partners that cannot produce to Kafka themselves. Build the application with
 * gatewayService: the events route reads its own body, which needs Nest's default parser off.
 */
@Module({})
export class GatewayModule implements NestModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        DatabaseModule.forService(gatewayConnection(env), GATEWAY_SCHEMA),
        KafkaModule.forService({
          ...env.kafkaClient('gateway'),
          partitions: env.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: env.KAFKA_REPLICATION_FACTOR,
          topics: [...INPUT_TOPICS, TOPICS.deadLetter],
        }),
        MetricsModule.forService(),
        HealthModule.forIndicators(DatabaseHealthIndicator, KafkaHealthIndicator),
      ],
      controllers: [IngestEventsController, StationApiController, StationPageController],
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
        PartnerRepository,
        PartnerKeysService,
        PartnerAuthenticator,
        ApiKeyGuard,
        EventRateLimiter,
        EventRateLimitGuard,
        IngestEventsHandler,
        IngestEventsMetrics,
        relayedEventSigner(env),
        StationSessionRepository,
        StationSessionsService,
        StationSessionGuard,
        StationTrackerClient,
      ],
      exports: [PartnerKeysService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // In this order: a request without a valid key is answered 401 before its body is read.
    consumer.apply(AuthenticatePartnerMiddleware, EventsBodyMiddleware).forRoutes(IngestEventsController);
    consumer.apply(StationBodyMiddleware).forRoutes(StationApiController);
  }
}
