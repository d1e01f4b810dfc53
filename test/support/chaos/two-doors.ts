import { Delivery, sendToGateway, sendToKafka } from '@refurb/simulator';
import { createHash } from 'node:crypto';
import { PipelineStack } from './pipeline-stack';

/** The two ways events come in: `POST /v1/events` on the gateway, or produced straight onto the input topics. */
export type Door = 'gateway' | 'kafka';
export const BOTH_DOORS: readonly Door[] = ['gateway', 'kafka'];

/**
 * Each device always comes through the same door, so an event and its re-delivery take one path: the
 * gateway sets `source` to the partner of the key, which a Kafka-native copy would not repeat, and two
 * differing payloads under one id would be refused as EVENT.ID_REUSED instead of ignored as duplicates.
 */
export function doorOf(delivery: Delivery): Door {
  return createHash('sha256').update(delivery.deviceId).digest()[0] % 2 === 0 ? 'gateway' : 'kafka';
}

/** Sends the deliveries (in their order within each door) through the door of each, both doors at once. */
export async function sendThroughDoors(stack: PipelineStack, deliveries: readonly Delivery[]): Promise<void> {
  const through = (door: Door) => deliveries.filter((delivery) => doorOf(delivery) === door);
  const viaGateway = through('gateway');
  const viaKafka = through('kafka');
  await Promise.all([
    viaGateway.length === 0
      ? undefined
      : sendToGateway(viaGateway, {
          url: stack.gatewayUrl,
          keys: {
            collection: stack.partnerKey('rebox-fr'),
            workshop: stack.partnerKey('atelier-lyon'),
            resale: stack.partnerKey('backmarket-fr'),
          },
          // A broker restart can outlast the default eight attempts.
          maxAttempts: 20,
        }),
    viaKafka.length === 0 ? undefined : sendToKafka(viaKafka, { kafka: stack.kafka, topicLayout: null }),
  ]);
}
