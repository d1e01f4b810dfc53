import { Injectable, Logger } from '@nestjs/common';
import { readKeyMaterial } from '@refurb/config';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { TrackerDeviceView } from './bench-device';

/** Enough for a bench: one page of a device's events (a device has far fewer in practice). */
const EVENTS_PER_READ = 1000;
const TRACKER_TIMEOUT_MS = 5000;

/**
 * Reads devices from the tracker's API with the gateway's `station` key: the open tracker API is never
 * exposed to the page, and what the page gets is narrowed by benchDevice.
 */
@Injectable()
export class StationTrackerClient {
  private readonly logger = new Logger(StationTrackerClient.name);
  private readonly apiKey: string | undefined;

  constructor(private readonly env: GatewayEnv) {
    const configured = env.GATEWAY_TRACKER_API_KEY ?? env.GATEWAY_TRACKER_API_KEY_FILE;
    this.apiKey =
      configured === undefined
        ? undefined
        : readKeyMaterial({
            variable: 'GATEWAY_TRACKER_API_KEY',
            inline: env.GATEWAY_TRACKER_API_KEY,
            file: env.GATEWAY_TRACKER_API_KEY_FILE,
          }).pem.trim();
  }

  /** The device's stored events and cycles, or undefined when the tracker has none. */
  async device(deviceId: string): Promise<TrackerDeviceView | undefined> {
    if (this.apiKey === undefined) {
      throw unavailable('no tracker key is configured (GATEWAY_TRACKER_API_KEY or _FILE)');
    }
    const url = new URL(`/v1/devices/${encodeURIComponent(deviceId)}`, this.env.GATEWAY_TRACKER_URL);
    url.searchParams.set('limit', String(EVENTS_PER_READ));
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.apiKey}` },
        signal: AbortSignal.timeout(TRACKER_TIMEOUT_MS),
      });
    } catch (error) {
      this.logger.warn(`tracker unreachable at ${url.origin}: ${(error as Error).message}`);
      throw unavailable('the tracker did not answer', error);
    }
    if (response.status === 404) {
      await response.arrayBuffer();
      return undefined;
    }
    if (!response.ok) {
      this.logger.warn(`tracker answered ${response.status} to the station device read`);
      throw unavailable(`the tracker answered ${response.status}`);
    }
    return (await response.json()) as TrackerDeviceView;
  }
}

function unavailable(message: string, cause?: unknown): GatewayException {
  return new GatewayException(GatewayErrorCode.STATION_TRACKER_UNAVAILABLE, message, { cause });
}
