import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsHttpPort, KeyMaterialSource, localSigningKeyFiles, ServiceEnv } from '@refurb/config';

/** Every variable the tracker reads; validated once at boot. */
export class TrackerEnv extends ServiceEnv {
  @IsHttpPort()
  TRACKER_PORT: number = 3001;

  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be 1-100 characters of A-Z a-z 0-9 . _ -' })
  TRACKER_CONSUMER_GROUP: string = 'refurb-ledger.tracker';

  /** Consumer transactions one instance runs at once (each takes what one fetch brought, up to 2,000 messages). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(64)
  TRACKER_CONCURRENT_TRANSACTIONS: number = 2;

  /** RL-REFURB-1 factor set (a version in tracker.factor_sets) that new credits are computed with. */
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must name a factor set version, e.g. 2025-defaults' })
  TRACKER_FACTOR_SET_VERSION: string = '2025-defaults';

  /**
   * Distinct events one device may hold; past it an event is dead-lettered TRACKER.DEVICE_HISTORY_LIMIT.
   * Every batch re-derives a device from all its events, so this bounds that work (docs/decisions.md, 34).
   */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(10)
  @Max(100_000)
  TRACKER_MAX_EVENTS_PER_DEVICE: number = 500;

  /** Resales and returns one order of one device may hold; past it: TRACKER.ORDER_HISTORY_LIMIT. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(2)
  @Max(100_000)
  TRACKER_MAX_EVENTS_PER_ORDER: number = 20;

  /**
   * The Ed25519 private key (PKCS#8 PEM) that signs every credit record, inline or as a file. The file
   * default is the local pair `npm start` and the tests create; production mounts its own.
   */
  @IsOptional()
  @IsString()
  TRACKER_SIGNING_KEY?: string;

  @IsString()
  TRACKER_SIGNING_KEY_FILE: string = localSigningKeyFiles('tracker').privateKey;

  /**
   * The gateway's Ed25519 public keys (SPKI PEM, several concatenated during a rotation): every event
   * whose source is `partners/...` must be signed with one of them, inline or as a file; the default is
   * the local pair's.
   */
  @IsOptional()
  @IsString()
  TRACKER_GATEWAY_PUBLIC_KEYS?: string;

  @IsString()
  TRACKER_GATEWAY_PUBLIC_KEYS_FILE: string = localSigningKeyFiles('gateway').publicKey;

  get gatewayPublicKeys(): KeyMaterialSource {
    return {
      variable: 'TRACKER_GATEWAY_PUBLIC_KEYS',
      inline: this.TRACKER_GATEWAY_PUBLIC_KEYS,
      file: this.TRACKER_GATEWAY_PUBLIC_KEYS_FILE,
    };
  }

  get signingKey(): KeyMaterialSource {
    return {
      variable: 'TRACKER_SIGNING_KEY',
      inline: this.TRACKER_SIGNING_KEY,
      file: this.TRACKER_SIGNING_KEY_FILE,
    };
  }
}
