import { Provider } from '@nestjs/common';
import { loadRecordSigner } from '@refurb/config';
import { GatewayEnv } from '../gateway.env';

/**
 * Signs every event the gateway produces: the tracker believes a `partners/<id>` source only on a
 * gateway signature, so a Kafka producer cannot pass its events off as a gateway partner's.
 */
export const RELAYED_EVENT_SIGNER = Symbol('RELAYED_EVENT_SIGNER');

/** Read when the module is built, so a missing or bad key stops the gateway before it listens. */
export function relayedEventSigner(env: GatewayEnv): Provider {
  return { provide: RELAYED_EVENT_SIGNER, useValue: loadRecordSigner(env.signingKey) };
}
