import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsHttpPort, ServiceEnv } from '@refurb/config';

/** Every variable the issuance service reads; validated once at boot. */
export class IssuanceEnv extends ServiceEnv {
  @IsHttpPort()
  ISSUANCE_PORT: number = 3002;

  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be 1-100 characters of A-Z a-z 0-9 . _ -' })
  ISSUANCE_CONSUMER_GROUP: string = 'refurb-ledger.issuance';

  /** Partitions one instance processes in parallel, each in its own transaction. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(64)
  ISSUANCE_CONCURRENT_PARTITIONS: number = 2;
}
