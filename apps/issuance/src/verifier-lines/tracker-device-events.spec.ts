import { TrackerApiReader } from '@refurb/runtime';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { IssuanceException } from '../issuance.exception';
import { TrackerDeviceEvents } from './tracker-device-events';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A stand-in tracker on a free local port: what the client does with each kind of answer. */
async function fakeTracker(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const event = (eventId: string) => ({ eventId, type: 'device.collected', time: '2025-01-01T00:00:00.000Z' });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IssuanceException) return error.code;
    throw error;
  }
  throw new Error('expected an IssuanceException');
}

describe('TrackerDeviceEvents', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  const client = async (handler: Handler) => {
    const { url, server } = await fakeTracker(handler);
    servers.push(server);
    return new TrackerDeviceEvents(new TrackerApiReader(url, 'the-key'));
  };

  it('follows page.next with the key, and returns every page in order', async () => {
    const seen: { url?: string; authorization?: string }[] = [];
    const events = await client((request, response) => {
      seen.push({ url: request.url, authorization: request.headers.authorization });
      const second = request.url?.includes('cursor=c2');
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          events: second ? [event('e3')] : [event('e1'), event('e2')],
          page: second ? {} : { nextCursor: 'c2', next: '/v1/devices/imei%3A1?limit=1000&cursor=c2' },
        }),
      );
    });
    expect((await events.of('imei:1')).map((e) => e.eventId)).toEqual(['e1', 'e2', 'e3']);
    expect(seen).toEqual([
      { url: '/v1/devices/imei%3A1?limit=1000', authorization: 'Bearer the-key' },
      { url: '/v1/devices/imei%3A1?limit=1000&cursor=c2', authorization: 'Bearer the-key' },
    ]);
  });

  it('returns no events for a device the tracker does not know', async () => {
    const events = await client((_, response) => {
      response.statusCode = 404;
      response.end('{}');
    });
    expect(await events.of('imei:2')).toEqual([]);
  });

  it('answers TRACKER_UNAVAILABLE on a 5xx, on a refused key and when nothing listens', async () => {
    const failing = await client((_, response) => {
      response.statusCode = 502;
      response.end();
    });
    expect(await codeOf(failing.of('imei:3'))).toBe('ISSUANCE.TRACKER_UNAVAILABLE');
    const refusing = await client((_, response) => {
      response.statusCode = 401;
      response.end();
    });
    expect(await codeOf(refusing.of('imei:3'))).toBe('ISSUANCE.TRACKER_UNAVAILABLE');
    const { url, server } = await fakeTracker(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const nobody = new TrackerDeviceEvents(new TrackerApiReader(url, 'k'));
    expect(await codeOf(nobody.of('imei:3'))).toBe('ISSUANCE.TRACKER_UNAVAILABLE');
  });

  it('answers TRACKER_NOT_CONFIGURED without a key', async () => {
    expect(await codeOf(new TrackerDeviceEvents(undefined).of('imei:4'))).toBe(
      'ISSUANCE.TRACKER_NOT_CONFIGURED',
    );
  });
});
