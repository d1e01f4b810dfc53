import { IsHttpPort, ServiceEnv } from '@refurb/config';

/** Every variable the gateway reads; validated once at boot. */
export class GatewayEnv extends ServiceEnv {
  @IsHttpPort()
  GATEWAY_PORT: number = 3000;
}
