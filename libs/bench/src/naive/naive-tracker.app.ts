import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { registerCompressionCodecs } from '@refurb/kafka';
import { NaiveTrackerEnv } from './naive-tracker.env';
import { NaiveTrackerModule } from './naive-tracker.module';

/**
 * The stock `Transport.KAFKA` microservice beside a health endpoint, as the Nest documentation shows
 * it. Only the options a replay needs: its own group and client id (without Nest's `-server` suffix),
 * from the beginning, and the record value kept as bytes so the contract decodes it as the tracker does.
 */
export async function startNaiveTracker(
  env: NaiveTrackerEnv,
  logger: NestApplicationOptions['logger'] = undefined,
): Promise<INestApplication> {
  // The simulator's producer may compress; kafkajs reads only gzip without these.
  registerCompressionCodecs();
  const app = await NestFactory.create(NaiveTrackerModule.forRoot(env), { abortOnError: false, logger });
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      // The same client settings as the services, TLS and SASL included, under the stock transport.
      client: env.kafkaClient('naive-tracker'),
      consumer: { groupId: env.NAIVE_TRACKER_CONSUMER_GROUP },
      subscribe: { fromBeginning: true },
      parser: { keepBinary: true },
      postfixId: '',
    },
  });
  await app.startAllMicroservices();
  await app.listen(env.NAIVE_TRACKER_PORT, env.HOST);
  return app;
}
