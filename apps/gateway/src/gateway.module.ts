import { DynamicModule, Module } from '@nestjs/common';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { DatabaseHealthIndicator, DatabaseModule } from '@refurb/database';
import { KafkaHealthIndicator, KafkaModule } from '@refurb/kafka';
import { HealthModule } from '@refurb/runtime';
import { GatewayEnv } from './gateway.env';
import { GATEWAY_MIGRATIONS } from './migrations';

/** HTTP front door for partners that cannot produce to Kafka themselves. */
@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        DatabaseModule.forService(
          { url: env.DATABASE_URL, applicationName: 'gateway' },
          { schema: 'gateway', entities: [], migrations: GATEWAY_MIGRATIONS },
        ),
        KafkaModule.forService({
          brokers: env.KAFKA_BROKERS,
          clientId: `${env.KAFKA_CLIENT_ID_PREFIX}-gateway`,
          partitions: env.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: env.KAFKA_REPLICATION_FACTOR,
          topics: [...INPUT_TOPICS, TOPICS.deadLetter],
        }),
        HealthModule.forIndicators(DatabaseHealthIndicator, KafkaHealthIndicator),
      ],
    };
  }
}
