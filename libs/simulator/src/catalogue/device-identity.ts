import { appendLuhnCheckDigit } from '@refurb/contracts';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { deriveSeed } from '../random/seed-hash';
import { ScrambledCodes } from '../random/scrambled-codes';
import { DeviceIdentity } from './device-models';

const IMEI_SERIAL_DIGITS = 6;

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Device ids of one simulation. Serial parts come from one ScrambledCodes per layout, indexed by the
 * device's index, so two devices never share an id: the IMEI serial number (6 digits) is distinct for
 * every device whatever its TAC, and serial numbers are distinct within each brand's layout.
 */
export class DeviceIdentities {
  private readonly spaces = new Map<string, ScrambledCodes>();
  private readonly imeiSerials: ScrambledCodes;

  constructor(private readonly seed: number) {
    this.imeiSerials = new ScrambledCodes('0123456789', IMEI_SERIAL_DIGITS, deriveSeed(seed, 0x1e1));
  }

  /** Distinct IMEIs exist for this many devices; every serial layout has at least as many codes. */
  get capacity(): number {
    return this.imeiSerials.capacity;
  }

  /** Canonical `imei:<15 digits>` or `serial:<brand>:<SERIAL>` of device `index`. */
  deviceId(identity: DeviceIdentity, index: number, random: SeededRandom): string {
    if (identity.kind === 'imei') {
      const tac = random.pick(identity.tacs);
      return `imei:${appendLuhnCheckDigit(`${tac}${this.imeiSerials.code(index)}`)}`;
    }
    const { brandSlug, format } = identity;
    const key = `${brandSlug}|${format.prefix}|${format.alphabet}|${format.width}`;
    let space = this.spaces.get(key);
    if (!space) {
      space = new ScrambledCodes(format.alphabet, format.width, deriveSeed(this.seed, hashText(key)));
      this.spaces.set(key, space);
    }
    return `serial:${brandSlug}:${format.prefix}${space.code(index)}`;
  }
}
