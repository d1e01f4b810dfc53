import { Logger } from '@nestjs/common';
import { ConnectionOptions } from 'node:tls';
import { Kafka, logLevel, LogEntry, RetryOptions, SASLOptions } from 'kafkajs';
import { registerCompressionCodecs } from './compression/register-codecs';

// At module load, so that any kafkajs client in a process that uses this library reads every codec.
registerCompressionCodecs();

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** TLS towards the brokers (SSL, SASL_SSL); absent for a plaintext listener. */
  ssl?: ConnectionOptions;
  /** The client's principal (SASL_PLAINTEXT, SASL_SSL); absent when the listener authenticates nobody. */
  sasl?: SASLOptions;
}

const NEST_LEVEL: Record<logLevel, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.NOTHING]: 'debug',
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs client whose logs go through Nest's logger, so one service has one log format: in a service,
 * a JSON line with kafkajs's own fields (broker, groupId, error...) under `kafka`.
 */
/** Reconnects and requests are retried with back-off for up to 30 s, unless a client asks otherwise. */
const DEFAULT_RETRY: RetryOptions = { initialRetryTime: 300, retries: 10, maxRetryTime: 30_000 };

export function createKafka(
  { brokers, clientId, ssl, sasl }: KafkaConnection,
  retry: RetryOptions = DEFAULT_RETRY,
): Kafka {
  return new Kafka({
    brokers,
    clientId,
    ssl,
    sasl,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        // kafkajs's own timestamp and logger name repeat what the log line already has.
        const extra = Object.fromEntries(
          Object.entries(log).filter(([key]) => !['message', 'timestamp', 'logger'].includes(key)),
        );
        const message = log.message;
        const logger = new Logger(`kafkajs:${namespace}`);
        logger[NEST_LEVEL[level]](Object.keys(extra).length > 0 ? { msg: message, kafka: extra } : message);
      },
    retry,
  });
}
