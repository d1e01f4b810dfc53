import { AnyDeviceEvent } from '@refurb/contracts';
import { Workshop } from '../network/workshops';
import { CycleOutcome, CycleState } from './simulated-device';

/**
 * The expected outcome of one cycle from the events it emitted (in time order), by the rules of
 * docs/methodology.md#cycle-rules. Written here, apart from libs/lifecycle, so that a run of the pipeline
 * is checked against an independent statement of the rules rather than against itself.
 */
export function expectedCycleOutcome(events: readonly AnyDeviceEvent[], workshop: Workshop): CycleOutcome {
  const returnedOrders = new Set<string>();
  for (const event of events) if (event.type === 'device.returned') returnedOrders.add(event.data.orderId);
  const resales = events.filter((event) => event.type === 'device.resold');
  const uncancelled = resales.filter(
    (event) => event.type === 'device.resold' && !returnedOrders.has(event.data.orderId),
  );
  const recycled = events.some((event) => event.type === 'device.recycled');
  const credited = recycled ? undefined : uncancelled[0];
  const creditedAt = credited === undefined ? Number.NaN : Date.parse(credited.time);
  const collected = events.some((event) => event.type === 'device.collected');
  const refurbishedInTime = events.some(
    (event) =>
      event.type === 'device.refurbished' &&
      event.data.erasureCertificateId !== '' &&
      Date.parse(event.time) <= creditedAt,
  );

  const state = ((): CycleState => {
    if (recycled) return 'recycled';
    if (credited !== undefined && collected && refurbishedInTime) return 'credit-eligible';
    if (resales.length > 0 && uncancelled.length === 0) return 'returned';
    return 'in-progress';
  })();
  const eligible = state === 'credit-eligible' && credited !== undefined;
  return {
    state,
    workshopId: workshop.id,
    country: workshop.country,
    creditedResaleEventId: eligible ? credited.id : null,
    vintage: eligible ? new Date(creditedAt).getUTCFullYear() : null,
    conflictingResales: credited === undefined ? 0 : uncancelled.length - 1,
  };
}
