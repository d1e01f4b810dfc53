import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsInt, IsString, Matches, Max, Min } from 'class-validator';

const BROKER_ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** Kafka connection and topic layout shared by every service. */
export class KafkaEnv {
  /** Comma-separated host:port list. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((broker) => broker.trim())
          .filter(Boolean)
      : value,
  )
  @ArrayNotEmpty({ message: 'must list at least one broker as host:port' })
  @Matches(BROKER_ADDRESS, { each: true, message: 'each broker must be host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be 1-100 characters of A-Z a-z 0-9 . _ -' })
  KAFKA_CLIENT_ID_PREFIX = 'refurb-ledger';

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10000)
  KAFKA_TOPIC_PARTITIONS: number = 12;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10)
  KAFKA_REPLICATION_FACTOR: number = 1;

  /** How long the group waits for a silent consumer (crashed, frozen) before giving its partitions away. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(6000)
  @Max(300000)
  KAFKA_CONSUMER_SESSION_TIMEOUT_MS: number = 30000;
}
