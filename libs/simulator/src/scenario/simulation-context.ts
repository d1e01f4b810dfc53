import { CollectionCalendar } from '../calendar/collection-calendar';
import { DeviceIdentities } from '../catalogue/device-identity';
import { deriveSeed } from '../random/seed-hash';
import { ScrambledCodes } from '../random/scrambled-codes';
import { ResolvedSimulationOptions } from '../simulation-options';

const TAG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TAG_WIDTH = 6;

/** Everything derived once from the options and shared, read-only, by the generation of every device. */
export class SimulationContext {
  readonly fromMs: number;
  readonly untilMs: number;
  readonly calendar: CollectionCalendar;
  readonly identities: DeviceIdentities;
  /** One unique tag per device, embedded in its event, order and certificate ids. */
  readonly tags: ScrambledCodes;

  constructor(readonly options: ResolvedSimulationOptions) {
    this.fromMs = Date.parse(options.from);
    this.untilMs = Date.parse(options.until);
    this.calendar = new CollectionCalendar(this.fromMs, this.untilMs);
    this.identities = new DeviceIdentities(options.seed);
    this.tags = new ScrambledCodes(TAG_ALPHABET, TAG_WIDTH, deriveSeed(options.seed, 0x7a9));
  }

  /** No event of device `index` or of any later device occurs before this time. */
  earliestTimeFrom(index: number): number {
    return this.calendar.timeAt(index / this.options.devices);
  }
}
