import { appendLuhnCheckDigit, INPUT_TOPICS, luhnCheckDigit, PARTS_BY_CATEGORY } from '@refurb/contracts';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  TestDatabase,
} from '@refurb/testing';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { buildStationWeb } from '../../apps/gateway/src/station/build-station-web';
import {
  DEMO_STATION_PARTNER,
  DEMO_STATION_WORKSHOP,
} from '../../apps/gateway/src/partner-keys/demo-partners';
import { percentile } from '@refurb/bench';
import { CHROMIUM } from '../setup/ensure-chromium';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';
import { InProcessTracker, startTracker } from '../support/in-process-service';
import { trackerDatabase } from '../support/tracker-database';

/** Screenshots of every screen, for people to look at (git-ignored). */
const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'station');

/** Scans timed for the scan-to-confirmation report. */
const TIMED_SCANS = 30;

function newImei(): string {
  return appendLuhnCheckDigit(`35${String(randomInt(0, 1e12)).padStart(12, '0')}`);
}

/**
 * The scan station in Debian's chromium, driven by playwright-core, against the gateway and tracker
 * on the test broker and database: what a bench operator does, by keyboard only.
 */
describe('scan station (real browser)', () => {
  const kafka = new KafkaTestClient();
  let database: TestDatabase;
  let tracker: InProcessTracker;
  let gateway: InProcessGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let assets: string;
  let workshopKey: string;
  let collectorKey: string;

  async function collect(imei: string): Promise<void> {
    const response = await fetch(`${gateway.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${collectorKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        specversion: '1.0',
        id: randomUUID(),
        source: 'test',
        type: 'device.collected',
        subject: `imei:${imei}`,
        time: new Date(Date.now() - 3_600_000).toISOString(),
        data: {
          deviceId: `imei:${imei}`,
          category: 'smartphone',
          channel: 'rebox',
          siteId: 'site-station-test',
        },
      }),
    });
    expect(response.status).toBe(202);
    await eventually(
      () => trackerDevice(imei),
      (device) => device.status === 200,
      { what: 'collection stored' },
    );
  }

  function trackerDevice(imei: string): Promise<{ status: number; types: string[]; ids: string[] }> {
    return fetch(`${tracker.url}/v1/devices/imei:${imei}`, { headers: tracker.operator }).then(
      async (response) => {
        if (response.status !== 200) return { status: response.status, types: [], ids: [] };
        const body = (await response.json()) as { events: { type: string; eventId: string }[] };
        return {
          status: 200,
          types: body.events.map((event) => event.type),
          ids: body.events.map((event) => event.eventId),
        };
      },
    );
  }

  async function shoot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** The bench draft as the page saved it in IndexedDB: what a reload restores. */
  function savedBenchDraft(): Promise<string> {
    return page.evaluate<string>(`new Promise((resolve, reject) => {
      const opened = indexedDB.open('refurb-station');
      opened.onerror = () => reject(opened.error);
      opened.onsuccess = () => {
        const read = opened.result.transaction('drafts').objectStore('drafts').get('bench');
        read.onerror = () => reject(read.error);
        read.onsuccess = () => resolve(String(read.result));
      };
    })`);
  }

  /** A number key alone (not a scanner burst), then what it should lead to. */
  async function choose(digit: string, then: string): Promise<void> {
    await page.keyboard.press(digit);
    await page.waitForSelector(then);
  }

  async function scanDevice(imei: string): Promise<void> {
    await page.keyboard.press('Escape');
    // A scanner types the whole id at once, then Enter.
    await page.keyboard.type(imei);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#device h2:text-is("imei:${imei}")`);
  }

  async function signIn(): Promise<void> {
    await page.waitForSelector('[data-screen="sign-in"]');
    await page.keyboard.type(workshopKey);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="station"]');
  }

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS]);
    await admin.disconnect();
    const groupId = `station-${randomUUID()}`;
    database = await trackerDatabase('station_browser', groupId, startAt);
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    const stationKey = await tracker.keys.create('station', undefined, 'station-test');
    assets = await mkdtemp(join(tmpdir(), 'station-web-'));
    await buildStationWeb(assets);
    gateway = await startGateway(database, {
      GATEWAY_TRACKER_URL: tracker.url,
      GATEWAY_TRACKER_API_KEY: stationKey.apiKey,
      GATEWAY_STATION_ASSETS_DIR: assets,
    });
    await gateway.partners.seedDemoPartners();
    workshopKey = (await gateway.partners.createKey(DEMO_STATION_PARTNER, 'station-test')).apiKey;
    collectorKey = (await gateway.partners.createKey('rebox-fr', 'station-test')).apiKey;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // A fake camera (a test pattern), granted without a prompt, for the camera test.
      args: ['--no-sandbox', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 1366 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await tracker?.close();
    await kafka.close();
    await database?.drop();
    if (assets) await rm(assets, { recursive: true, force: true });
  });

  it('serves the page with a strict Content-Security-Policy, and exchanges the key for an HttpOnly SameSite=Strict cookie', async () => {
    const response = await page.goto(`${gateway.url}/station`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    await shoot('01-sign-in');
    await signIn();
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({
      name: 'station_session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/station',
    });
    // The key is in no storage the page keeps.
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage })');
    expect(stored).not.toContain(workshopKey);
    expect(await page.textContent('header')).toContain(DEMO_STATION_WORKSHOP);
  });

  it('explains a bad IMEI check digit in words and sends nothing', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const payload = newImei().slice(0, 14);
    const expected = luhnCheckDigit(payload);
    await page.keyboard.type(`${payload}${(expected + 1) % 10}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(
      `#scan-message:has-text("The last digit should be ${expected}: check the IMEI")`,
    );
    await shoot('02-bad-check-digit');
    page.removeAllListeners('request');
    expect(requests.filter((url) => url.includes('/station/api/'))).toEqual([]);
  });

  it('records diagnosed → repaired → refurbished by keyboard alone, each in the timeline and the tracker', async () => {
    const imei = newImei();
    await collect(imei);
    await scanDevice(imei);
    expect(await page.textContent('#category')).toBe('smartphone');
    await shoot('03-device');

    await choose('1', '[data-question="outcome"]');
    await choose('1', '[data-question="transport"]');
    await choose('2', '[data-question="distance"]');
    await page.keyboard.type('120');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-question="confirm"]');
    await shoot('04-confirm');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#timeline li[data-type="device.diagnosed"]');
    expect(await page.textContent('#answers')).toContain('Recorded: Diagnosed.');

    await choose('2', '[data-question="parts"]');
    // Only the smartphone's parts are offered: a keyboard cannot be chosen, by click or number key.
    const buttons = await page.$$('[data-question="parts"] [data-option]');
    const offered = await Promise.all(buttons.map((button) => button.getAttribute('data-option')));
    expect(offered).toEqual(PARTS_BY_CATEGORY.smartphone);
    expect(offered).not.toContain('keyboard');
    await page.keyboard.press('8');
    // Pressed alone (not in a scanner's burst): a number key is a choice.
    await page.waitForTimeout(200);
    expect(await page.$$('[aria-pressed="true"]')).toHaveLength(0);
    await page.keyboard.press('1');
    await page.waitForSelector('[data-option="battery"][aria-pressed="true"]');
    expect(await page.$$('[aria-pressed="true"]')).toHaveLength(1);
    await shoot('05-parts');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#timeline li[data-type="device.repaired"]');

    await choose('3', '[data-question="grade"]');
    await choose('1', '[data-question="certificate"]');
    await page.keyboard.type('ERASE-STATION-1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#timeline li[data-type="device.refurbished"]');
    await shoot('06-timeline');

    const stored = await trackerDevice(imei);
    expect(stored.types).toEqual([
      'device.collected',
      'device.diagnosed',
      'device.repaired',
      'device.refurbished',
    ]);
    // What the bench shows names no partner source.
    expect(await page.textContent('#device')).not.toContain('partners/');
  });

  it('prints a Code 128 label of the device id', async () => {
    await page.keyboard.press('l');
    await page.waitForSelector('#label img');
    const src = await page.getAttribute('#label img', 'src');
    expect(decodeURIComponent(src ?? '')).toContain('<svg');
    await shoot('07-label');
    await page.keyboard.press('l');
  });

  it('keeps the device and the step being recorded over a reload', async () => {
    const imei = newImei();
    await scanDevice(imei);
    await choose('1', '[data-question="outcome"]');
    await choose('2', '[data-question="transport"]');
    await page.reload();
    await page.waitForSelector(`[data-question="transport"]`);
    expect(await page.textContent('#device h2')).toBe(`imei:${imei}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-question]', { state: 'detached' });

    // Half-typed text, before Enter answers the question, is kept too.
    await choose('2', '[data-question="grade"]');
    await choose('1', '[data-question="certificate"]');
    await page.keyboard.type('ERASE-HALF');
    await eventually(savedBenchDraft, (draft) => draft.includes('ERASE-HALF'), { what: 'typing saved' });
    await page.reload();
    await page.waitForSelector('[data-question="certificate"]');
    expect(await page.inputValue('#answer-input')).toBe('ERASE-HALF');
    await page.keyboard.type('-TYPED');
    expect(await page.inputValue('#answer-input')).toBe('ERASE-HALF-TYPED');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-question]', { state: 'detached' });
  });

  it('queues three steps while the gateway is unreachable, keeps them over a reload, and sends them once', async () => {
    const imei = newImei();
    await collect(imei);
    await page.route('**/station/api/**', (route) => route.abort('connectionrefused'));
    await scanDevice(imei);
    // Offline the category is not known: no repair is offered, the other steps are.
    await choose('1', '[data-question="outcome"]');
    await choose('1', '[data-question="transport"]');
    await choose('1', '[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue li >> nth=0');
    await choose('2', '[data-question="grade"]');
    await choose('2', '[data-question="certificate"]');
    await page.keyboard.type('ERASE-OFFLINE-1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue li >> nth=1');
    await choose('1', '[data-question="outcome"]');
    await choose('2', '[data-question="transport"]');
    await choose('1', '[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue li >> nth=2');
    await shoot('08-offline-queue');

    await page.reload();
    await page.waitForSelector('[data-screen="station"] #queue li >> nth=2');
    expect(await page.$$('#queue li')).toHaveLength(3);
    await shoot('09-queue-after-reload');

    const sends: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/station/api/events')) {
        sends.push(request.postData() ?? '');
      }
    });
    await page.unroute('**/station/api/**');
    await page.waitForSelector('#queue', { state: 'detached', timeout: 15_000 });
    const stored = await eventually(
      () => trackerDevice(imei),
      (device) => device.types.length === 4,
      {
        what: 'the three queued steps stored',
      },
    );
    // In the order they were recorded at the bench (their event times), not the order they arrived.
    expect(stored.types).toEqual([
      'device.collected',
      'device.diagnosed',
      'device.refurbished',
      'device.diagnosed',
    ]);
    expect(sends).toHaveLength(1);
    page.removeAllListeners('request');

    // Sending the same steps again (a retry after a lost answer) stores nothing new: ids are stable.
    const resent = await page.evaluate(async (body) => {
      const response = await fetch('/station/api/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-station': '1' },
        body,
      });
      return (await response.json()) as { accepted: number };
    }, sends[0]);
    expect(resent.accepted).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await trackerDevice(imei)).ids).toEqual(stored.ids);
  });

  it('reloads from its service worker with the gateway unreachable, queues a step, and sends the queue once back online', async () => {
    const worker = await fetch(`${gateway.url}/station/service-worker.js`);
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // Served from /station/, it controls the page itself, /station.
    expect(worker.headers.get('service-worker-allowed')).toBe('/station');
    const imei = newImei();
    await collect(imei);
    await scanDevice(imei);
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await context.setOffline(true);
    await choose('1', '[data-question="outcome"]');
    await choose('2', '[data-question="transport"]');
    await choose('1', '[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue li');

    // Nothing answers but the worker: the page, its script and its stylesheet come from its cache.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.waitForSelector('[data-screen="station"] #queue li');
    expect(await page.textContent('#device h2')).toBe(`imei:${imei}`);
    await choose('4', '[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue li >> nth=1');
    await shoot('09b-offline-reload-from-service-worker');

    const sends: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/station/api/events')) {
        sends.push(request.postData() ?? '');
      }
    });
    await context.setOffline(false);
    await page.waitForSelector('#queue', { state: 'detached', timeout: 15_000 });
    const stored = await eventually(
      () => trackerDevice(imei),
      (device) => device.types.length === 3,
      { what: 'the two queued steps stored' },
    );
    expect(stored.types).toEqual(['device.collected', 'device.diagnosed', 'device.recycled']);
    expect(sends).toHaveLength(1);
    page.removeAllListeners('request');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await trackerDevice(imei)).ids).toEqual(stored.ids);

    // One cache, for this build, holding the shell and nothing the API answered.
    const cached = await page.evaluate<{ names: string[]; paths: string[] }>(`(async () => {
      const names = await caches.keys();
      const requests = (await Promise.all(names.map((name) => caches.open(name).then((cache) => cache.keys())))).flat();
      return { names, paths: requests.map((request) => new URL(request.url).pathname).sort() };
    })()`);
    expect(cached.names).toHaveLength(1);
    expect(cached.paths).toEqual(['/station', '/station/station.css', '/station/station.js']);
  });

  it('returns to sign-in when the session expires, keeping the queue, and sends it after signing in again', async () => {
    const imei = newImei();
    await collect(imei);
    await scanDevice(imei);
    await page.route('**/station/api/**', (route) => route.abort('connectionrefused'));
    await choose('4', '[data-question="confirm"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue li');
    await database.query(
      `UPDATE gateway.station_sessions SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'`,
    );
    await page.unroute('**/station/api/**');
    await page.waitForSelector('[data-screen="sign-in"] .notice:has-text("Your session has expired")', {
      timeout: 15_000,
    });
    expect(await page.$$('#queue li')).toHaveLength(1);
    await shoot('10-expired');
    await signIn();
    await page.waitForSelector('#queue', { state: 'detached', timeout: 15_000 });
    await eventually(
      () => trackerDevice(imei),
      (device) => device.types.includes('device.recycled'),
      {
        what: 'the recycled step stored',
      },
    );
  });

  it('measures scan-to-confirmation time (reported, not asserted)', async () => {
    // What the operator waits for: the device after the scan's Enter, the answer after the confirming
    // Enter. The operator's own choice (a number key) is left out.
    const waits: number[] = [];
    for (let i = 0; i < TIMED_SCANS; i++) {
      await page.keyboard.press('Escape');
      await page.keyboard.type(newImei());
      let started = performance.now();
      await page.keyboard.press('Enter');
      await page.waitForSelector('#steps [data-step="device.recycled"]');
      let waited = performance.now() - started;
      await choose('3', '[data-question="confirm"]');
      started = performance.now();
      await page.keyboard.press('Enter');
      await page.waitForSelector('#answers .ok');
      waited += performance.now() - started;
      waits.push(waited);
    }
    const report = [
      `scan-to-confirmation over ${TIMED_SCANS} scans (device view + step answer, ms):`,
      `median ${percentile(waits, 50)?.toFixed(0)}, p95 ${percentile(waits, 95)?.toFixed(0)}, max ${Math.max(...waits).toFixed(0)}`,
    ].join(' ');
    console.log(report);
    await writeFile(join(SCREENSHOTS, 'timing.txt'), `${report}\n`);
    expect(waits).toHaveLength(TIMED_SCANS);
  });

  it('signs out, clearing the cookie', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('[data-screen="sign-in"]');
    expect(await context.cookies()).toEqual([]);
  });

  it('reads a code with the camera where the browser has a BarcodeDetector', async () => {
    const imei = newImei();
    const tablet = await browser.newContext({
      permissions: ['camera'],
      viewport: { width: 1024, height: 768 },
    });
    // Debian's chromium has no BarcodeDetector on Linux: one that reads this IMEI stands in for the
    // tablet's; the camera itself is chromium's fake device.
    await tablet.addInitScript((code: string) => {
      Object.assign(globalThis, {
        BarcodeDetector: class {
          detect = () => Promise.resolve([{ rawValue: code }]);
        },
      });
    }, imei);
    const tabletPage = await tablet.newPage();
    await tabletPage.goto(`${gateway.url}/station`);
    await tabletPage.fill('#key', workshopKey);
    await tabletPage.keyboard.press('Enter');
    await tabletPage.click('#camera');
    await tabletPage.waitForSelector(`#device h2:text-is("imei:${imei}")`);
    await tablet.close();
  });

  it('speaks French to a French browser', async () => {
    const french = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1024, height: 768 } });
    const frenchPage = await french.newPage();
    await frenchPage.goto(`${gateway.url}/station`);
    await frenchPage.waitForSelector('label:has-text("Connectez-vous avec la clé de l’atelier")');
    await frenchPage.screenshot({ path: join(SCREENSHOTS, '11-sign-in-fr.png') });
    await french.close();
  });
});
