import { DynamicModule, Logger, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  ConsumerState,
  KAFKA,
  KAFKA_PROBE,
  KafkaBatchServer,
  KafkaBatchServerOptions,
  OUTBOX_RELAY,
  OutboxRelay,
} from '@refurb/kafka';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { createServiceLogger, ServiceLogging } from './logging/service-logger';
import { withServiceLogging } from './logging/with-service-logging';

export interface ServiceDefinition {
  /** Shown in logs, e.g. `tracker`. */
  name: string;
  module: Type | DynamicModule;
  port: number;
  /** The address to bind (the HOST variable); loopback unless a deployment says otherwise. */
  host: string;
  /**
   * A Kafka batch consumer to run beside the HTTP server (hybrid application). The service must have an
   * outbox: each committed batch nudges its relay.
   */
  consumer?: Omit<KafkaBatchServerOptions, 'kafka' | 'dataSource' | 'onBatchCommitted' | 'onStatusChange'>;
  /** LOG_LEVEL and LOG_FORMAT (`loggingFrom(env)`); tests also pass a destination to read the lines. */
  logging?: ServiceLogging;
  /** Options Nest creates the application with, e.g. `bodyParser: false` for a service that reads its own bodies. */
  applicationOptions?: Omit<NestApplicationOptions, 'logger' | 'bufferLogs' | 'abortOnError'>;
  /** Runs before Nest initialises the application: middleware, OpenAPI documents, Express settings. */
  configure?: (app: NestExpressApplication) => void;
  /** Routes worth naming in the ready line, besides `GET /health`. */
  routes?: readonly string[];
}

/**
 * Starts one service: modules initialised (database migrated, topics provisioned) before the consumer
 * joins its group, then HTTP. On SIGTERM/SIGINT Nest closes the consumer first (the batch in flight
 * finishes, the group is left) and the database connection last.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<NestExpressApplication> {
  const logger = new Logger(definition.name);
  const { module, nestLogger } = withServiceLogging(definition.module, definition.name, definition.logging);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    ...definition.applicationOptions,
    logger: nestLogger,
    // A failure to start is thrown to the caller (runService, a test) instead of Nest exiting the process.
    abortOnError: false,
  });
  // Advertising the framework helps no client and helps attackers pick exploits.
  app.disable('x-powered-by');
  definition.configure?.(app);
  app.enableShutdownHooks();
  await app.init();
  if (definition.consumer) {
    const relay = app.get<OutboxRelay>(OUTBOX_RELAY, { strict: false });
    const consumerState = app.get(ConsumerState);
    const strategy = new KafkaBatchServer({
      ...definition.consumer,
      kafka: app.get(KAFKA),
      probeKafka: app.get(KAFKA_PROBE),
      dataSource: app.get(DataSource),
      // What a batch wrote to the outbox goes to Kafka at once rather than at the relay's next poll.
      onBatchCommitted: () => relay.nudge(),
      onStatusChange: (status) => consumerState.update(status),
      metricsRegistry: app.get(Registry),
    });
    app.connectMicroservice({ strategy }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(definition.port, definition.host);
  const routes = ['GET /health', ...(definition.routes ?? [])].join(', ');
  logger.log(`${definition.name} ready on http://${definition.host}:${definition.port} (${routes})`);
  return app;
}

/**
 * Entry-point wrapper: a failure to start is logged once, clearly, with a non-zero exit. Through a logger
 * of its own, since an invalid environment fails before the service's exists; JSON unless LOG_FORMAT
 * asks otherwise, as the service's other lines.
 */
export function runService(service: string, start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    const format = process.env.LOG_FORMAT?.toLowerCase() === 'pretty' ? 'pretty' : 'json';
    createServiceLogger(service, { format }).fatal(
      { context: 'bootstrap' },
      error instanceof Error ? error.message : String(error),
    );
    process.exit(1);
  });
}
