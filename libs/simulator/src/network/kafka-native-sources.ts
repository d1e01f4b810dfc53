import { DEVICE_EVENT_TYPES, DeviceEventType } from '@refurb/contracts';
import { PartnerRole, ROLE_BY_EVENT_TYPE } from '../delivery/partner-role';
import { COLLECTION_SITES } from './collection-sites';
import { RESALE_CHANNELS } from './resale-channels';
import { WORKSHOPS } from './workshops';

/**
 * The `source` a simulated partner sends under when it produces to Kafka itself. Through the gateway
 * the event gets the gateway's `partners/<partner id>` instead, which only the gateway may use.
 */
export function kafkaNativeSource(partnerId: string): string {
  return `kafka-native/${partnerId}`;
}

/** A simulated partner as the tracker registers a Kafka-native source (npm run tracker:sources). */
export interface SimulatedKafkaSource {
  source: string;
  displayName: string;
  eventTypes: DeviceEventType[];
  workshopIds: string[];
  siteIds: string[];
  resaleChannels: string[];
}

function typesOf(role: PartnerRole): DeviceEventType[] {
  return DEVICE_EVENT_TYPES.filter((type) => ROLE_BY_EVENT_TYPE[type] === role);
}

/**
 * Every simulated partner with exactly the types, workshops (and their recyclers), collection sites and
 * resale channels its events name: the Kafka door of a simulation passes the tracker's scope checks.
 */
export function simulatedKafkaSources(): SimulatedKafkaSource[] {
  const byPartner = new Map<string, SimulatedKafkaSource>();
  const partner = (partnerId: string, role: PartnerRole): SimulatedKafkaSource => {
    const known = byPartner.get(partnerId) ?? {
      source: kafkaNativeSource(partnerId),
      displayName: `${partnerId} (simulated, Kafka-native)`,
      eventTypes: [],
      workshopIds: [],
      siteIds: [],
      resaleChannels: [],
    };
    known.eventTypes = [...new Set([...known.eventTypes, ...typesOf(role)])];
    byPartner.set(partnerId, known);
    return known;
  };
  for (const site of COLLECTION_SITES) partner(site.partnerId, 'collection').siteIds.push(site.siteId);
  for (const workshop of WORKSHOPS) {
    partner(workshop.partnerId, 'workshop').workshopIds.push(workshop.id, workshop.recyclerId);
  }
  for (const channel of RESALE_CHANNELS) {
    partner(channel.partnerId, 'resale').resaleChannels.push(channel.id);
  }
  return [...byPartner.values()].sort((a, b) => a.source.localeCompare(b.source));
}
