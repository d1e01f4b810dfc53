import {
  AnyDeviceEvent,
  DeviceCategory,
  DeviceCollectedData,
  DeviceDiagnosedData,
  DeviceEvent,
  DeviceEventDataMap,
  DeviceEventType,
  DiagnosisOutcome,
  PartName,
  RefurbishmentGrade,
  TransportLeg,
} from '@refurb/contracts';
import { CollectionSite } from '../network/collection-sites';
import { kafkaNativeSource } from '../network/kafka-native-sources';
import { ResaleChannel } from '../network/resale-channels';
import { Workshop } from '../network/workshops';

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcYear(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

/**
 * Builds one device's events already in the normalised form validateDeviceEvent outputs (canonical
 * ids, ISO UTC time, sorted parts, optional members absent rather than undefined), so a delivery's
 * bytes are what the tracker stores. Ids follow each partner's own scheme and embed the device's unique
 * tag, so they never collide.
 *
 * Every object is built with its members in sorted order, optional ones included: JSON.stringify of an
 * event is then its canonical JSON, which is several times faster to produce than canonicalJson on the
 * hot path of a million deliveries (encodeSimulatedEvent relies on it; a spec checks the equality).
 */
export class DeviceEventFactory {
  constructor(
    readonly deviceId: string,
    /** Unique per device of the simulation (and unlikely to repeat across seeds). */
    readonly tag: string,
  ) {}

  collected(
    cycle: number,
    atMs: number,
    site: CollectionSite,
    device: { category: DeviceCategory; brand: string; model: string },
    leg?: TransportLeg,
  ): AnyDeviceEvent {
    const data = {
      brand: device.brand,
      category: device.category,
      channel: site.channel,
      deviceId: this.deviceId,
      model: device.model,
    } as DeviceCollectedData;
    if (site.retailer !== undefined) data.retailer = site.retailer;
    data.siteId = site.siteId;
    if (leg !== undefined) data.transport = leg;
    const id = `${site.siteId}/${isoDay(atMs)}/${this.tag}-${cycle}`;
    return this.event('device.collected', id, site.partnerId, atMs, data);
  }

  diagnosed(
    cycle: number,
    atMs: number,
    workshop: Workshop,
    outcome: DiagnosisOutcome,
    grade: string | undefined,
    leg: TransportLeg | undefined,
  ): AnyDeviceEvent {
    const data = { deviceId: this.deviceId } as DeviceDiagnosedData;
    if (grade !== undefined) data.grade = grade;
    data.outcome = outcome;
    if (leg !== undefined) data.transport = leg;
    data.workshopId = workshop.id;
    return this.event(
      'device.diagnosed',
      this.benchId(workshop, cycle, 'diagnosed'),
      workshop.partnerId,
      atMs,
      data,
    );
  }

  repaired(cycle: number, atMs: number, workshop: Workshop, partsReplaced: PartName[]): AnyDeviceEvent {
    return this.event(
      'device.repaired',
      this.benchId(workshop, cycle, 'repaired'),
      workshop.partnerId,
      atMs,
      {
        deviceId: this.deviceId,
        partsReplaced,
        workshopId: workshop.id,
      },
    );
  }

  refurbished(cycle: number, atMs: number, workshop: Workshop, grade: RefurbishmentGrade): AnyDeviceEvent {
    const id = this.benchId(workshop, cycle, 'refurbished');
    return this.event('device.refurbished', id, workshop.partnerId, atMs, {
      deviceId: this.deviceId,
      erasureCertificateId: `BLANCCO-${utcYear(atMs)}-${this.tag}-${cycle}`,
      grade,
      workshopId: workshop.id,
    });
  }

  recycled(cycle: number, atMs: number, workshop: Workshop): AnyDeviceEvent {
    return this.event(
      'device.recycled',
      this.benchId(workshop, cycle, 'recycled'),
      workshop.partnerId,
      atMs,
      {
        deviceId: this.deviceId,
        recyclerId: workshop.recyclerId,
      },
    );
  }

  /** `sale` tells apart the orders of one cycle (A, B, ...). */
  orderId(channel: ResaleChannel, cycle: number, sale: number, atMs: number): string {
    return `${channel.orderPrefix}-${utcYear(atMs)}-${this.tag}-${cycle}${String.fromCharCode(65 + sale)}`;
  }

  resold(atMs: number, channel: ResaleChannel, orderId: string, country: string): AnyDeviceEvent {
    return this.event('device.resold', `${channel.id}/${orderId}/sold`, channel.partnerId, atMs, {
      channel: channel.id,
      country,
      deviceId: this.deviceId,
      orderId,
    });
  }

  returned(atMs: number, channel: ResaleChannel, orderId: string, reason: string): AnyDeviceEvent {
    return this.event('device.returned', `${channel.id}/${orderId}/returned`, channel.partnerId, atMs, {
      deviceId: this.deviceId,
      orderId,
      reason,
    });
  }

  private benchId(workshop: Workshop, cycle: number, step: string): string {
    return `${workshop.id}/${this.tag}-${cycle}/${step}`;
  }

  private event<T extends DeviceEventType>(
    type: T,
    id: string,
    partnerId: string,
    atMs: number,
    data: DeviceEventDataMap[T],
  ): AnyDeviceEvent {
    const event: DeviceEvent<T> = {
      data,
      id,
      source: kafkaNativeSource(partnerId),
      specversion: '1.0',
      subject: this.deviceId,
      time: new Date(atMs).toISOString(),
      type,
    };
    // A DeviceEvent<T> for a concrete T is one member of the AnyDeviceEvent union.
    return event as AnyDeviceEvent;
  }
}

/**
 * The structured-mode bytes of an event built by DeviceEventFactory: equal to encodeStructured's
 * canonical JSON because every member was inserted in sorted order.
 */
export function encodeSimulatedEvent(event: AnyDeviceEvent): Buffer {
  return Buffer.from(JSON.stringify(event), 'utf8');
}
