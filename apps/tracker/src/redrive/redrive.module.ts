import { DynamicModule, Module } from '@nestjs/common';
import { KafkaEnv } from '@refurb/config';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { KafkaModule } from '@refurb/kafka';
import { DeadLetterReader } from './dead-letter.reader';
import { RedriveDeadLettersHandler } from './redrive-dead-letters.handler';

/** What the redrive command needs: Kafka only, no database (it reads and writes topics). */
@Module({})
export class RedriveModule {
  static forRoot(env: KafkaEnv): DynamicModule {
    return {
      module: RedriveModule,
      imports: [
        KafkaModule.forService({
          ...env.kafkaClient('redrive'),
          partitions: env.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: env.KAFKA_REPLICATION_FACTOR,
          topics: [TOPICS.deadLetter, ...INPUT_TOPICS],
        }),
      ],
      providers: [DeadLetterReader, RedriveDeadLettersHandler],
      exports: [RedriveDeadLettersHandler],
    };
  }
}
