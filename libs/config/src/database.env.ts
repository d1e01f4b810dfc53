import { IsUrl } from 'class-validator';
import { KafkaEnv } from './kafka.env';
import { IsLogFormat, IsLogLevel, LogFormat, LogLevelName } from './log-settings.decorator';

/** PostgreSQL connection plus Kafka, and how to log: what every service needs. */
export class ServiceEnv extends KafkaEnv {
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true },
    { message: 'must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/refurb_ledger' },
  )
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/refurb_ledger';

  @IsLogLevel()
  LOG_LEVEL: LogLevelName = 'info';

  @IsLogFormat()
  LOG_FORMAT: LogFormat = 'json';
}
