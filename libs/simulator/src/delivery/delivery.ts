import { AnyDeviceEvent, DeviceEventType, InputTopic, RejectionCode } from '@refurb/contracts';
import { encodeSimulatedEvent } from '../scenario/device-event-factory';
import { MalformedReason } from './malformed-events';
import { PartnerRole } from './partner-role';

interface DeliveryBase {
  /** Position in the delivery order, from 0 (-1 until the delivery is released by Simulation.deliveries). */
  seq: number;
  role: PartnerRole;
  topic: InputTopic;
  /** The Kafka key: the device id as the partner sent it (a broken one for an invalid id). */
  key: string;
  /** Canonical id of the simulated device the delivery is about. */
  deviceId: string;
  /**
   * When the partner sends it in the simulated world (ISO-8601 UTC); deliveries come in this order.
   * Sinks send them as fast as asked: this orders a replay, it does not pace it.
   */
  deliverAt: string;
}

/** A well-formed event, or an exact re-delivery of one (same id, same bytes). */
export interface EventDelivery extends DeliveryBase {
  kind: 'event' | 'duplicate';
  eventType: DeviceEventType;
  /** Valid and already normalised: validateDeviceEvent returns it unchanged. */
  event: AnyDeviceEvent;
  /** Sent days after it occurred, so after later events of the same device. */
  late: boolean;
}

/** A broken delivery that the pipeline must refuse with `expectedCode`. */
export interface MalformedDelivery extends DeliveryBase {
  kind: 'malformed';
  /** Type of the well-formed event it was derived from (it decides the topic and the role). */
  eventType: DeviceEventType;
  reason: MalformedReason;
  /** The code validation gives it (at the gateway, bad JSON is answered GATEWAY.MALFORMED_JSON instead). */
  expectedCode: RejectionCode;
  /** The broken event when it is still a JSON object; absent for bad JSON. */
  event?: Record<string, unknown>;
  /** The exact bytes to send. */
  body: Buffer;
}

export type Delivery = EventDelivery | MalformedDelivery;

/**
 * The structured-mode body to send: for events, exactly encodeStructured's canonical JSON (send it
 * with STRUCTURED_HEADERS), byte-identical on every run.
 */
export function deliveryBody(delivery: Delivery): Buffer {
  return delivery.kind === 'malformed' ? delivery.body : encodeSimulatedEvent(delivery.event);
}
