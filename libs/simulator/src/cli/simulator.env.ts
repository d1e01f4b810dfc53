import { IsOptional, IsString, IsUrl } from 'class-validator';
import { KafkaEnv } from '@refurb/config';

/**
 * What `npm run simulate` reads from the environment besides the Kafka settings. API keys may come
 * from here rather than the command line, where other users of the machine could read them (ps).
 */
export class SimulatorEnv extends KafkaEnv {
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  SIMULATOR_GATEWAY_URL?: string;

  @IsOptional()
  @IsString()
  SIMULATOR_COLLECTION_KEY?: string;

  @IsOptional()
  @IsString()
  SIMULATOR_WORKSHOP_KEY?: string;

  @IsOptional()
  @IsString()
  SIMULATOR_RESALE_KEY?: string;
}
