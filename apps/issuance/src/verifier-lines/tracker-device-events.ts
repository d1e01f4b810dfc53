import { Logger, Provider } from '@nestjs/common';
import { optionalTrackerApiKey, TrackerApiReader, TrackerRead } from '@refurb/runtime';
import { IssuanceEnv } from '../issuance.env';
import { IssuanceException } from '../issuance.exception';

/** A stored event as the tracker's GET /v1/devices/:id returns it (its StoredEventView), passed on as is. */
export interface TrackerStoredEvent {
  eventId: string;
  type: string;
  time: string;
  [field: string]: unknown;
}

interface TrackerDevicePage {
  events: TrackerStoredEvent[];
  page?: { next?: string };
}

/** The tracker's largest page: a device rarely has more events, so one read is the norm. */
const EVENTS_PER_PAGE = 1000;
/** A cursor chain longer than this is a tracker bug, not a device: stop rather than loop. */
const MAX_PAGES = 100;

/**
 * A device's stored events, read from the tracker's API with issuance's `auditor` key
 * (ISSUANCE_TRACKER_API_KEY), following `page.next` to the last page. Fails with
 * ISSUANCE.TRACKER_NOT_CONFIGURED without a key, ISSUANCE.TRACKER_UNAVAILABLE without an answer.
 */
export class TrackerDeviceEvents {
  private readonly logger = new Logger(TrackerDeviceEvents.name);

  constructor(private readonly reader: TrackerApiReader | undefined) {}

  /** Every stored event of the device, oldest first; none when the tracker does not know it. */
  async of(deviceId: string): Promise<TrackerStoredEvent[]> {
    const reader = this.reader;
    if (reader === undefined) {
      throw new IssuanceException(
        'ISSUANCE.TRACKER_NOT_CONFIGURED',
        'no tracker key is configured (ISSUANCE_TRACKER_API_KEY or _FILE)',
      );
    }
    const events: TrackerStoredEvent[] = [];
    let path: string | undefined = TrackerApiReader.devicePath(deviceId, EVENTS_PER_PAGE);
    for (let pages = 0; path !== undefined; pages++) {
      if (pages === MAX_PAGES) throw this.unavailable(`more than ${MAX_PAGES} pages of events`);
      const read: TrackerRead<TrackerDevicePage> = await reader.get<TrackerDevicePage>(path);
      if (read.outcome === 'not-found') return events;
      if (read.outcome === 'failed') {
        throw this.unavailable(`${read.reason}${read.detail ? ` (${read.detail})` : ''}`, read.reason);
      }
      events.push(...read.body.events);
      path = read.body.page?.next;
    }
    return events;
  }

  private unavailable(logged: string, told = logged): IssuanceException {
    this.logger.warn(`tracker device read failed, ${logged}`);
    return new IssuanceException('ISSUANCE.TRACKER_UNAVAILABLE', told);
  }
}

/** Reads ISSUANCE_TRACKER_URL and the key once, at start: a bad key file fails the boot, not a request. */
export function trackerDeviceEvents(env: IssuanceEnv): Provider {
  const apiKey = optionalTrackerApiKey(env.trackerApiKey);
  return {
    provide: TrackerDeviceEvents,
    useValue: new TrackerDeviceEvents(
      apiKey === undefined ? undefined : new TrackerApiReader(env.ISSUANCE_TRACKER_URL, apiKey),
    ),
  };
}
