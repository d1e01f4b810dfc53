import { DatabaseConnection, ServiceSchema } from '@refurb/database';
import { GatewayEnv } from './gateway.env';
import { GATEWAY_MIGRATIONS } from './migrations';

/** The gateway's slice of PostgreSQL, shared by the service and its CLI. */
export const GATEWAY_SCHEMA: ServiceSchema = {
  schema: 'gateway',
  entities: [],
  migrations: GATEWAY_MIGRATIONS,
};

export function gatewayConnection(env: GatewayEnv, applicationName = 'gateway'): DatabaseConnection {
  return { url: env.DATABASE_URL, applicationName };
}
