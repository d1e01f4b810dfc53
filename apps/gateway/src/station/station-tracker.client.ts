import { Injectable, Logger } from '@nestjs/common';
import { optionalTrackerApiKey, TrackerApiReader } from '@refurb/runtime';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { TrackerDeviceView } from './bench-device';

/** Enough for a bench: one page of a device's events (a device has far fewer in practice). */
const EVENTS_PER_READ = 1000;

/**
 * Reads devices from the tracker's API with the gateway's `station` key (TrackerApiReader, shared with
 * issuance): the open tracker API is never exposed to the page, and what the page gets is narrowed by
 * benchDevice.
 */
@Injectable()
export class StationTrackerClient {
  private readonly logger = new Logger(StationTrackerClient.name);
  private readonly reader: TrackerApiReader | undefined;

  constructor(env: GatewayEnv) {
    const apiKey = optionalTrackerApiKey({
      variable: 'GATEWAY_TRACKER_API_KEY',
      inline: env.GATEWAY_TRACKER_API_KEY,
      file: env.GATEWAY_TRACKER_API_KEY_FILE,
    });
    this.reader = apiKey === undefined ? undefined : new TrackerApiReader(env.GATEWAY_TRACKER_URL, apiKey);
  }

  /** The device's stored events and cycles, or undefined when the tracker has none. */
  async device(deviceId: string): Promise<TrackerDeviceView | undefined> {
    if (this.reader === undefined) {
      throw unavailable('no tracker key is configured (GATEWAY_TRACKER_API_KEY or _FILE)');
    }
    const read = await this.reader.get<TrackerDeviceView>(
      TrackerApiReader.devicePath(deviceId, EVENTS_PER_READ),
    );
    if (read.outcome === 'not-found') return undefined;
    if (read.outcome === 'failed') {
      this.logger.warn(`station device read failed, ${read.reason}${read.detail ? ` (${read.detail})` : ''}`);
      throw unavailable(read.reason, read.cause);
    }
    return read.body;
  }
}

function unavailable(message: string, cause?: unknown): GatewayException {
  return new GatewayException(GatewayErrorCode.STATION_TRACKER_UNAVAILABLE, message, { cause });
}
