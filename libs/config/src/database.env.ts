import { IsIP, IsUrl } from 'class-validator';
import { KafkaEnv } from './kafka.env';
import { IsLogFormat, IsLogLevel, LogFormat, LogLevelName } from './log-settings.decorator';

/** PostgreSQL connection plus Kafka, where to listen and how to log: what every service needs. */
export class ServiceEnv extends KafkaEnv {
  /**
   * The address the HTTP server binds. Loopback by default, so a service started on a laptop or a host is
   * not reachable from the network unless asked (docker/compose.yaml sets 0.0.0.0 inside containers).
   */
  @IsIP(undefined, { message: 'must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST = '127.0.0.1';

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
