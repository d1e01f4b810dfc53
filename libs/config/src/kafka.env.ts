import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  KAFKA_SASL_MECHANISMS,
  KAFKA_SECURITY_PROTOCOLS,
  KafkaClientSecurity,
  KafkaSaslMechanism,
  KafkaSecurityProtocol,
  resolveKafkaSecurity,
} from './kafka-security';

const BROKER_ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** What one kafkajs client is built from: where the brokers are, who it is, how it proves it. */
export interface KafkaClientSettings extends KafkaClientSecurity {
  brokers: string[];
  clientId: string;
}

const upperCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;
const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;

/**
 * Kafka connection, credentials and topic layout shared by every service. PLAINTEXT with no credentials
 * is the local default; a deployment gives each service its own principal (KAFKA_SASL_USERNAME).
 */
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

  @Transform(upperCase)
  @IsIn(KAFKA_SECURITY_PROTOCOLS, { message: `must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')}` })
  KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol = 'PLAINTEXT';

  /** PEM certificate authorities the brokers' certificates are checked against; the system's when unset. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM client certificate, for brokers that authenticate clients by certificate (with its key). */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CERT_FILE?: string;

  /** Unencrypted PEM private key of KAFKA_SSL_CERT_FILE. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_FILE?: string;

  @IsOptional()
  @Transform(lowerCase)
  @IsIn(KAFKA_SASL_MECHANISMS, { message: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` })
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** A file holding the password (secrets mounted as files, as Docker and Kubernetes do). */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD_FILE?: string;

  /**
   * The settings of one client of this process, named `<prefix>-<name>`. Checks the security variables
   * together and reads their files: called while the process starts, a bad setting stops it there.
   */
  kafkaClient(name: string): KafkaClientSettings {
    return {
      brokers: this.KAFKA_BROKERS,
      clientId: `${this.KAFKA_CLIENT_ID_PREFIX}-${name}`,
      ...resolveKafkaSecurity(this),
    };
  }
}
