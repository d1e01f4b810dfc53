import {
  CloudEventEnvelopeDto,
  DeviceEventType,
  EVENT_DATA_DTOS,
  validateDeviceEvent,
  validateDto,
  validateDtoReference,
} from '@refurb/contracts';
import { Simulation } from '@refurb/simulator';

/**
 * Single-core throughput of event validation on the simulator's deliveries, as the tracker sees them
 * (plain objects parsed from JSON). Not part of `npm run bench`; run it alone, on a quiet machine:
 *   TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register \
 *     libs/bench/src/validation-micro-bench.ts [validations per round]
 * (add --cpu-prof to profile). It reports validateDeviceEvent end to end, and the DTO validation alone
 * (envelope then data) with the compiled validators and with the validateSync reference, alternated
 * round by round so that both see the same machine load.
 */
type Event = Record<string, unknown> & { type: DeviceEventType; data: Record<string, unknown> };
type Validation = (event: Event) => boolean;

function simulatedEvents(seed: number, wanted: number): Event[] {
  const events: Event[] = [];
  for (const delivery of new Simulation({ seed, devices: Math.ceil(wanted / 4) }).deliveries()) {
    if (delivery.event !== undefined) events.push(JSON.parse(JSON.stringify(delivery.event)) as Event);
    if (events.length >= wanted) break;
  }
  return events;
}

const now = new Date();
const paths: Record<string, Validation> = {
  validateDeviceEvent: (event) => validateDeviceEvent(event, { now }).ok,
  'validateDto (compiled)': (event) =>
    validateDto(CloudEventEnvelopeDto, event).ok &&
    validateDto(EVENT_DATA_DTOS[event.type], event.data, 'data').ok,
  'validateDtoReference (validateSync)': (event) =>
    validateDtoReference(CloudEventEnvelopeDto, event).ok &&
    validateDtoReference(EVENT_DATA_DTOS[event.type], event.data, 'data').ok,
};

function perSecond(validation: Validation, events: readonly Event[], count: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) validation(events[i % events.length]);
  return Math.round(count / (Number(process.hrtime.bigint() - started) / 1e9));
}

const count = Number(process.argv[2] ?? 100_000);
const events = simulatedEvents(1, 20_000);
const best: Record<string, number> = {};
for (const validation of Object.values(paths)) perSecond(validation, events, 20_000); // let V8 optimise
for (let round = 0; round < 3; round++) {
  for (const [name, validation] of Object.entries(paths)) {
    best[name] = Math.max(best[name] ?? 0, perSecond(validation, events, count));
  }
}
console.log(
  JSON.stringify({ events: events.length, validationsPerRound: count, bestPerSecond: best }, null, 2),
);
