import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { join } from 'node:path';
import { IsHttpPort, KeyMaterialSource, localSigningKeyFiles, ServiceEnv } from '@refurb/config';

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };

/** Every variable the issuance service reads; validated once at boot. */
export class IssuanceEnv extends ServiceEnv {
  @IsHttpPort()
  ISSUANCE_PORT: number = 3002;

  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be 1-100 characters of A-Z a-z 0-9 . _ -' })
  ISSUANCE_CONSUMER_GROUP: string = 'refurb-ledger.issuance';

  /** Consumer transactions one instance runs at once (each takes what one fetch brought, up to 2,000 messages). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(64)
  ISSUANCE_CONCURRENT_TRANSACTIONS: number = 2;

  /** Upserts the local demo projects and workshops at start (never in production). */
  // Reads the raw string: implicit conversion would already have turned any non-empty one into true.
  @Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    if (typeof raw !== 'string') return raw;
    return Object.hasOwn(BOOLEAN_WORDS, raw.toLowerCase()) ? BOOLEAN_WORDS[raw.toLowerCase()] : raw;
  })
  @IsBoolean({ message: 'must be true or false' })
  ISSUANCE_SEED_LOCAL: boolean = false;

  /** How long a console session lasts after sign-in (minutes); a finance desk's working day by default. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(1)
  @Max(24 * 60)
  ISSUANCE_CONSOLE_SESSION_MINUTES: number = 480;

  /**
   * Where `npm run build` writes the console page (esbuild's bundle); the default is that output beside
   * the compiled service (dist/apps/issuance/console-web).
   */
  @IsString()
  ISSUANCE_CONSOLE_ASSETS_DIR: string = join(__dirname, '..', 'console-web');

  /** How long a webhook receiver may take to answer before the attempt counts as failed. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100)
  @Max(60_000)
  ISSUANCE_WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** The wait after a webhook delivery's first failed attempt; it doubles after each further failure. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10)
  @Max(3_600_000)
  ISSUANCE_WEBHOOK_RETRY_BASE_MS: number = 10_000;

  /** The longest wait between two attempts of a webhook delivery. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10)
  @Max(86_400_000)
  ISSUANCE_WEBHOOK_RETRY_MAX_MS: number = 3_600_000;

  /** Attempts of a webhook delivery before it is marked failed (a redeliver grants as many again). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(50)
  ISSUANCE_WEBHOOK_MAX_ATTEMPTS: number = 12;

  /** How often the webhook relay looks for due deliveries (transitions made here also wake it at once). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10)
  @Max(60_000)
  ISSUANCE_WEBHOOK_POLL_MS: number = 1_000;

  /**
   * The tracker's Ed25519 public keys (SPKI PEM, several concatenated during a rotation) that credit
   * records must be signed with, inline or as a file; the default is the local pair's.
   */
  @IsOptional()
  @IsString()
  ISSUANCE_TRACKER_PUBLIC_KEYS?: string;

  @IsString()
  ISSUANCE_TRACKER_PUBLIC_KEYS_FILE: string = localSigningKeyFiles('tracker').publicKey;

  /** Issuance's own Ed25519 private key (PKCS#8 PEM), which signs every batch transition for finance. */
  @IsOptional()
  @IsString()
  ISSUANCE_SIGNING_KEY?: string;

  @IsString()
  ISSUANCE_SIGNING_KEY_FILE: string = localSigningKeyFiles('issuance').privateKey;

  /** The tracker's base URL: the verifier's line drill-down reads the line's device from its API. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  ISSUANCE_TRACKER_URL: string = 'http://127.0.0.1:3001';

  /**
   * A tracker key of role `auditor` (`npm run tracker:keys -- create --role auditor`), inline or as a
   * file. Without one issuance runs, but a line's evidence drill-down answers 503.
   */
  @IsOptional()
  @IsString()
  ISSUANCE_TRACKER_API_KEY?: string;

  @IsOptional()
  @IsString()
  ISSUANCE_TRACKER_API_KEY_FILE?: string;

  get trackerApiKey(): KeyMaterialSource {
    return {
      variable: 'ISSUANCE_TRACKER_API_KEY',
      inline: this.ISSUANCE_TRACKER_API_KEY,
      file: this.ISSUANCE_TRACKER_API_KEY_FILE,
    };
  }

  get trackerPublicKeys(): KeyMaterialSource {
    return {
      variable: 'ISSUANCE_TRACKER_PUBLIC_KEYS',
      inline: this.ISSUANCE_TRACKER_PUBLIC_KEYS,
      file: this.ISSUANCE_TRACKER_PUBLIC_KEYS_FILE,
    };
  }

  get signingKey(): KeyMaterialSource {
    return {
      variable: 'ISSUANCE_SIGNING_KEY',
      inline: this.ISSUANCE_SIGNING_KEY,
      file: this.ISSUANCE_SIGNING_KEY_FILE,
    };
  }
}
