import { IsHttpPort, ServiceEnv } from '@refurb/config';
import { Matches } from 'class-validator';

/** Every variable the benchmark's naive tracker reads; validated once at boot. */
export class NaiveTrackerEnv extends ServiceEnv {
  /** Serves only `GET /health`, so the benchmark knows when it is up. */
  @IsHttpPort()
  NAIVE_TRACKER_PORT: number = 3009;

  /** A group of its own: it reads the same records as the real tracker, from the beginning. */
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be 1-100 characters of A-Z a-z 0-9 . _ -' })
  NAIVE_TRACKER_CONSUMER_GROUP: string = 'refurb-ledger.naive-tracker';
}
