import { Type } from 'class-transformer';
import { join } from 'node:path';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { IsHttpPort, KeyMaterialSource, localSigningKeyFiles, ServiceEnv } from '@refurb/config';

const MIB = 1024 * 1024;

/** Every variable the gateway reads; validated once at boot. */
export class GatewayEnv extends ServiceEnv {
  @IsHttpPort()
  GATEWAY_PORT: number = 3000;

  /** Largest `POST /v1/events` body read; a full batch of 1000 typical events is about 0.5 MiB. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024)
  @Max(64 * MIB)
  GATEWAY_MAX_BODY_BYTES: number = 2 * MIB;

  /** Sustained events per second each API key may send (token bucket refill rate, per instance). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  GATEWAY_RATE_LIMIT_EVENTS_PER_SECOND: number = 1000;

  /** Events an API key may send at once after a quiet period (token bucket capacity, per instance). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10_000_000)
  GATEWAY_RATE_LIMIT_BURST: number = 5000;

  /** How long a request waits for Kafka's acknowledgement before answering 503. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100)
  @Max(300_000)
  GATEWAY_KAFKA_TIMEOUT_MS: number = 15_000;

  /**
   * The Ed25519 private key (PKCS#8 PEM) that signs every event the gateway relays, inline or as a file,
   * so the tracker can tell a partner's event relayed here from one a Kafka producer made up. The file
   * default is the local pair `npm start` and the tests create; production mounts its own.
   */
  @IsOptional()
  @IsString()
  GATEWAY_SIGNING_KEY?: string;

  @IsString()
  GATEWAY_SIGNING_KEY_FILE: string = localSigningKeyFiles('gateway').privateKey;

  get signingKey(): KeyMaterialSource {
    return {
      variable: 'GATEWAY_SIGNING_KEY',
      inline: this.GATEWAY_SIGNING_KEY,
      file: this.GATEWAY_SIGNING_KEY_FILE,
    };
  }

  /** How long a scan station session lasts after sign-in (minutes); short, as a bench is shared. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(1)
  @Max(24 * 60)
  GATEWAY_STATION_SESSION_MINUTES: number = 60;

  /** The tracker's base URL: the scan station reads devices from its API. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  GATEWAY_TRACKER_URL: string = 'http://127.0.0.1:3001';

  /**
   * A tracker key of role `station` (`npm run tracker:keys -- create --role station`), inline or as a
   * file. Without one the station signs in and records steps but cannot show a device (503).
   */
  @IsOptional()
  @IsString()
  GATEWAY_TRACKER_API_KEY?: string;

  @IsOptional()
  @IsString()
  GATEWAY_TRACKER_API_KEY_FILE?: string;

  /**
   * Where `npm run build` writes the scan station page (esbuild's bundle); the default is that output
   * beside the compiled gateway (dist/apps/gateway/station-web).
   */
  @IsString()
  GATEWAY_STATION_ASSETS_DIR: string = join(__dirname, '..', 'station-web');
}
