import { BatchSnapshot } from '@refurb/contracts';
import { appendLuhnCheckDigit, INPUT_TOPICS } from '@refurb/contracts';
import { eventsFor } from '@refurb/lifecycle/testing/device-event-factory';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  TestDatabase,
} from '@refurb/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { creditRecord, imeiOf, reversalOf } from '@refurb/issuance/testing/credit-records.fixture';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { buildConsoleWeb } from '../../apps/issuance/src/console/build-console-web';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';
import { CHROMIUM } from '../setup/ensure-chromium';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { InProcessTracker, startTracker } from '../support/in-process-service';
import { trackerDatabase } from '../support/tracker-database';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Screenshots of every screen, for people to look at (git-ignored). */
const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'console');

const PROJECT = 'CON-FR';
const WORKSHOP = 'ws-console-a';
const device = (n: number) => imeiOf(44, n);

type BatchView = BatchSnapshot & {
  lines: { lineCount: number; grossG: number };
  evidenceSha256: string | null;
};

/**
 * The finance and verifier console in Debian's chromium, driven by playwright-core, against the issuance
 * service on the test broker and database: finance reads its overview, closes through the confirmation
 * and issues; the verifier audits; each role is offered only its own steps and the API refuses the rest.
 */
describe('finance and verifier console (real browser)', () => {
  const kafka = new KafkaTestClient();
  let trackerDb: TestDatabase;
  let tracker: InProcessTracker;
  let service: IssuanceTestApp;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let assets: string;
  let batch2025: string;
  let batch2026: string;

  const laptops2025 = [1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
    creditRecord({ deviceId: device(n), category: 'laptop', workshopId: WORKSHOP, vintage: 2025 }),
  );
  const phones2025 = [9, 10, 11].map((n) =>
    creditRecord({ deviceId: device(n), category: 'smartphone', workshopId: WORKSHOP, vintage: 2025 }),
  );
  const reversals2025 = [reversalOf(laptops2025[0]), reversalOf(phones2025[0])];
  // A workshop no project has taken on: its line waits, unplaced, with its reason.
  const stray = creditRecord({
    deviceId: device(40),
    category: 'tablet',
    workshopId: 'ws-console-unknown',
    vintage: 2025,
  });
  // One device through the real tracker, so its line's evidence is read back from the tracker.
  const tracked = `imei:${appendLuhnCheckDigit(`35${Array.from({ length: 12 }, () => randomInt(10)).join('')}`)}`;
  const trackedEvents = (() => {
    const events = eventsFor(tracked);
    const suffix = randomUUID();
    return [
      events.collected(`con-c-${suffix}`, '2025-03-03T09:00:00.000Z', { category: 'laptop' }),
      events.repaired(`con-p-${suffix}`, '2025-03-04T09:00:00.000Z', {
        workshopId: WORKSHOP,
        partsReplaced: ['battery'],
      }),
      events.refurbished(`con-r-${suffix}`, '2025-03-05T09:00:00.000Z', { workshopId: WORKSHOP }),
      events.resold(`con-s-${suffix}`, '2025-03-06T09:00:00.000Z', `order-${suffix}`),
    ];
  })();
  const laptops2026 = [21, 22, 23, 24, 25, 26].map((n) =>
    creditRecord({ deviceId: device(n), category: 'laptop', workshopId: WORKSHOP, vintage: 2026 }),
  );

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function signedIn(
    role: 'finance' | 'verifier' | 'admin',
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${service.url}/console`);
    await page.waitForSelector('#api-key:focus');
    await page.keyboard.type(await service.keyOf(role));
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#who:has-text("${role}")`);
    return { context, page };
  }

  /** The text of each body cell of a table, row by row. */
  async function tableRows(page: Page, table: string): Promise<string[][]> {
    const rows = page.locator(`${table} tbody tr`);
    const texts: string[][] = [];
    for (let index = 0; index < (await rows.count()); index += 1) {
      texts.push(await rows.nth(index).locator('td').allTextContents());
    }
    return texts;
  }

  /** A call from inside the page, as its own script makes it: the session cookie and the console header. */
  function pageCall(
    page: Page,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; code?: string }> {
    return page.evaluate(
      async ({ method, path, body }) => {
        const response = await fetch(path, {
          method,
          headers: { 'x-console': '1', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const answer = (await response.json().catch(() => ({}))) as { code?: string };
        return { status: response.status, code: answer.code };
      },
      { method, path, body },
    );
  }

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    assets = await mkdtemp(join(tmpdir(), 'console-web-'));
    await buildConsoleWeb(assets);
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS]);
    await admin.disconnect();
    const trackerGroup = `console-tracker-${randomUUID()}`;
    trackerDb = await trackerDatabase('console_tracker', trackerGroup, startAt);
    tracker = await startTracker(trackerDb, { TRACKER_CONSUMER_GROUP: trackerGroup });
    const auditor = await tracker.keys.create('auditor', undefined, 'console-test');
    service = await IssuanceTestApp.start('console', {
      ISSUANCE_TRACKER_URL: tracker.url,
      ISSUANCE_TRACKER_API_KEY: auditor.apiKey,
      ISSUANCE_CONSOLE_ASSETS_DIR: assets,
      ISSUANCE_WEBHOOK_POLL_MS: '200',
    });
    receiver = await WebhookReceiver.start();
    await service.cli('project', 'upsert', PROJECT, '--company', 'Console Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', WORKSHOP, '--name', 'Console A', '--project', PROJECT);
    const created = await service.http('POST', '/v1/webhooks', {
      role: 'admin',
      body: { url: receiver.url, description: 'finance ERP' },
    });
    expect(created.status).toBe(201);
    const records = [...laptops2025, ...phones2025, ...reversals2025, ...laptops2026];
    await service.produce([...records, stray]);
    const lines = await service.linesEventually(records.map((record) => record.id));
    await service.linesEventually([stray.id], false);
    await kafka.produceBatch(byTopic(trackedEvents.map(toTopicMessage)));
    await eventually(
      () =>
        service.database.query(
          `SELECT 1 FROM issuance.credit_lines WHERE evidence->>'deviceId' = $1 AND batch_id IS NOT NULL`,
          [tracked],
        ),
      (rows) => rows.length === 1,
      { timeoutMs: 120_000, what: "the tracked device's line in issuance" },
    );
    const batchOf = (vintage: number) => {
      const batchId = lines.find((line) => line.vintage === vintage && line.batch_id !== null)?.batch_id;
      if (!batchId) throw new Error(`no ${vintage} line was placed`);
      return batchId;
    };
    batch2025 = batchOf(2025);
    batch2026 = batchOf(2026);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await service?.stop();
    await tracker?.close();
    await kafka.close();
    await trackerDb?.drop();
    if (assets) await rm(assets, { recursive: true, force: true });
  });

  it('signs finance in with an HttpOnly SameSite=Strict cookie, behind a strict Content-Security-Policy', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const response = await page.goto(`${service.url}/console`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForSelector('#api-key:focus');
    await shoot(page, '01-sign-in');
    await page.keyboard.type('rl_not-a-key');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-message:has-text("AUTH.INVALID_API_KEY")');
    await page.fill('#api-key', await service.keyOf('finance'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#who:has-text("finance")');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'console_session', httpOnly: true, sameSite: 'Strict' });
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(stored).not.toContain(await service.keyOf('finance'));
    // The cookie alone, without the console's header, is refused: another site's link gets nothing.
    const bare = await fetch(`${service.url}/v1/batches`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { code: string }).code).toBe('CONSOLE.HEADER_MISSING');
    await context.close();
  });

  it("shows finance a chart and a table whose figures are the API's, open batches live and unplaced lines", async () => {
    const { context, page } = await signedIn('finance');
    await page.waitForSelector('#overview-table tbody tr');
    const summary = (
      await service.http<{
        vintages: { vintage: number; byState: Record<string, { grossTonnes: string; credits: number }> }[];
      }>('GET', `/v1/projects/${PROJECT}/summary`, { role: 'finance' })
    ).body;
    const series = JSON.parse((await page.getAttribute('#overview-chart', 'data-series')) ?? '[]') as {
      projectId: string;
      vintage: number;
      tonnes: Record<string, string>;
    }[];
    const charted = series.filter((bar) => bar.projectId === PROJECT);
    expect(charted).toEqual(
      summary.vintages.map((vintage) => ({
        projectId: PROJECT,
        vintage: vintage.vintage,
        tonnes: Object.fromEntries(
          ['open', 'closed', 'verified', 'issued'].map((state) => [
            state,
            vintage.byState[state].grossTonnes,
          ]),
        ),
      })),
    );
    const rows = await tableRows(page, '#overview-table');
    for (const vintage of summary.vintages) {
      expect(rows).toContainEqual([
        PROJECT,
        String(vintage.vintage),
        vintage.byState.open.grossTonnes,
        '—',
        vintage.byState.closed.grossTonnes,
        String(vintage.byState.closed.credits),
        vintage.byState.verified.grossTonnes,
        String(vintage.byState.verified.credits),
        vintage.byState.issued.grossTonnes,
        String(vintage.byState.issued.credits),
      ]);
    }
    const open = await service.http<BatchView[]>('GET', `/v1/batches?state=open&project=${PROJECT}`, {
      role: 'finance',
    });
    for (const batch of open.body) {
      const row = await page.textContent(`#open-batches tr:has(a:text-is("${batch.id}"))`);
      expect(row).toContain(String(batch.lines.lineCount));
    }
    const unplaced = await service.http<{ changeId: string; reason: string }[]>('GET', '/v1/unplaced', {
      role: 'finance',
    });
    expect(unplaced.body.map((line) => line.changeId)).toContain(stray.id);
    const strayRow = await page.textContent(`#unplaced-lines tr:has(code:text-is("${stray.id}"))`);
    expect(strayRow).toContain(unplaced.body.find((line) => line.changeId === stray.id)?.reason);
    // The open batches are live: a line that lands while the page is shown is counted without a reload.
    const late = creditRecord({
      deviceId: device(30),
      category: 'laptop',
      workshopId: WORKSHOP,
      vintage: 2026,
    });
    const before2026 = open.body.find((batch) => batch.id === batch2026)?.lines.lineCount ?? 0;
    await service.produce([late]);
    await service.linesEventually([late.id]);
    await page.waitForSelector(
      `#open-batches tr:has(a:text-is("${batch2026}")) td:text-is("${before2026 + 1}")`,
      {
        timeout: 30_000,
      },
    );
    // Let the canvas draw before the picture is taken.
    await page.waitForSelector('#overview-chart[data-drawn="true"]');
    await shoot(page, '02-finance-overview');
    await context.close();
  });

  it('asks before closing a later vintage while an earlier one is open, and closes through a confirmation that previews the arithmetic', async () => {
    const { context, page } = await signedIn('finance');
    await page.goto(`${service.url}/console#/batches/${batch2026}`);
    await page.click('#close-batch');
    await page.waitForSelector('#close-dialog[open]');
    const preview = (
      await service.http<{ totals: { grossG: number; credits: number }; serials: { block: string } | null }>(
        'GET',
        `/v1/batches/${batch2026}/close-preview`,
        { role: 'finance' },
      )
    ).body;
    const dialog = await page.textContent('#close-dialog');
    expect(dialog).toContain('BATCH.EARLIER_VINTAGE_OPEN');
    expect(dialog).toContain(preview.serials?.block ?? 'none');
    expect(await page.isDisabled('#close-dialog-confirm')).toBe(true);
    await shoot(page, '03-close-later-vintage-asks');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#close-dialog', { state: 'detached' });
    expect(
      (await service.http<BatchView>('GET', `/v1/batches/${batch2026}`, { role: 'finance' })).body.state,
    ).toBe('open');

    // The earlier vintage first, as finance would: no question asked.
    await page.goto(`${service.url}/console#/batches/${batch2025}`);
    await page.click('#close-batch');
    await page.waitForSelector('#close-dialog[open]');
    const preview2025 = (
      await service.http<{ totals: { credits: number; grossG: number }; serials: { block: string } | null }>(
        'GET',
        `/v1/batches/${batch2025}/close-preview`,
        { role: 'finance' },
      )
    ).body;
    expect(await page.textContent('#close-dialog')).not.toContain('BATCH.EARLIER_VINTAGE_OPEN');
    expect(await page.textContent('#close-dialog')).toContain(preview2025.serials?.block ?? 'none');
    await shoot(page, '04-close-confirmation');
    await page.click('#close-dialog-confirm');
    await page.waitForSelector('#action-notice:has-text("Closed")');
    const closed = (await service.http<BatchView>('GET', `/v1/batches/${batch2025}`, { role: 'finance' }))
      .body;
    expect(closed.state).toBe('closed');
    expect(closed.totals?.credits).toBe(preview2025.totals.credits);
    // Finance is not offered the verifier's step, and the API refuses it from the page's session.
    expect(await page.$('#verify-batch')).toBeNull();
    expect(
      await pageCall(page, 'POST', `/v1/batches/${batch2025}/verify`, {
        verifierName: 'x',
        reportReference: 'y',
      }),
    ).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
    await shoot(page, '05-finance-closed-batch');
    await context.close();
  });

  it('lets the verifier list batches, open a line, draw the same sample twice, check the digest and verify; never close', async () => {
    const { context, page } = await signedIn('verifier');
    await page.waitForSelector(`#batch-list a:text-is("${batch2025}")`);
    await shoot(page, '06-verifier-batches');
    await page.click(`#batch-list a:text-is("${batch2025}")`);
    await page.waitForSelector('#batch-lines tbody tr');
    // The digest frozen at close, checked against the bytes the download serves.
    const batch = (await service.http<BatchView>('GET', `/v1/batches/${batch2025}`, { role: 'verifier' }))
      .body;
    expect(await page.textContent('#evidence-digest')).toBe(batch.evidenceSha256);
    await page.click('#check-digest');
    await page.waitForSelector(`#digest-result:has-text("Matches")`);
    const csv = await service.http<string>('GET', `/v1/batches/${batch2025}/evidence.csv`, {
      role: 'verifier',
    });
    expect(createHash('sha256').update(csv.text).digest('hex')).toBe(batch.evidenceSha256);

    // A line's evidence, read from the tracker: every event the line names, with its content.
    await page.click(`#batch-lines tbody tr:has-text("${tracked}") button`);
    await page.waitForSelector('#evidence-panel h3');
    expect(await page.textContent('#evidence-panel')).toContain(
      'All 4 events the line rests on are held by the tracker',
    );
    const shownEvents = await page.locator('#evidence-events summary code').allTextContents();
    expect(shownEvents.sort()).toEqual(trackedEvents.map((event) => event.id).sort());
    await page.click('#evidence-events li:nth-child(2) summary');
    expect(await page.textContent('#evidence-events li:nth-child(2) pre')).toContain('"battery"');
    await page
      .locator('#evidence-panel')
      .screenshot({ path: join(SCREENSHOTS, '07b-line-evidence-panel.png') });
    await shoot(page, '07-verifier-line-evidence');

    // The same seed draws the same lines, stratified by credits and reversals.
    await page.fill('#sample-seed', 'audit-2026-q1');
    await page.fill('#sample-size', '5');
    await page.click('#draw-sample');
    await page.waitForSelector('#sample-lines tbody tr');
    const first = await page.locator('#sample-lines tbody tr td:first-child').allTextContents();
    expect(await page.textContent('#sample-strata')).toMatch(/reversal/);
    await page.reload();
    await page.waitForSelector('#sample-seed');
    await page.fill('#sample-seed', 'audit-2026-q1');
    await page.fill('#sample-size', '5');
    await page.click('#draw-sample');
    await page.waitForSelector('#sample-lines tbody tr');
    const second = await page.locator('#sample-lines tbody tr td:first-child').allTextContents();
    expect(second).toEqual(first);
    expect(first).toHaveLength(5);
    const download = page.waitForEvent('download');
    await page.click('#export-sample');
    const exported = await readFile(await (await download).path(), 'utf8');
    for (const changeId of first) expect(exported).toContain(changeId);
    await shoot(page, '08-verifier-sample');
    // The same workspace on a tablet held upright.
    await page.setViewportSize({ width: 768, height: 1024 });
    await shoot(page, '08b-verifier-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Not offered a close, and refused one by the API.
    expect(await pageCall(page, 'POST', `/v1/batches/${batch2026}/close`)).toEqual({
      status: 403,
      code: 'AUTH.FORBIDDEN',
    });
    await page.goto(`${service.url}/console#/batches/${batch2026}`);
    await page.waitForSelector('#batch h2');
    expect(await page.$('#close-batch')).toBeNull();

    await page.goto(`${service.url}/console#/batches/${batch2025}`);
    await page.click('#verify-batch');
    await page.waitForSelector('#verify-dialog[open]');
    await page.fill('#field-verifierName', 'Bureau Audit SA');
    await page.fill('#field-reportReference', 'BA-2026-017');
    await page.click('#verify-dialog-confirm');
    await page.waitForSelector('#action-notice:has-text("Verified")');
    await context.close();
  });

  it('lets finance issue the verified batch, and shows who did what in its history', async () => {
    const { context, page } = await signedIn('finance');
    await page.goto(`${service.url}/console#/batches/${batch2025}`);
    await page.click('#issue-batch');
    await page.waitForSelector('#issue-dialog[open]');
    await page.fill('#field-registryReference', 'CADT-ISS-2026-0042');
    await page.click('#issue-dialog-confirm');
    await page.waitForSelector('#action-notice:has-text("Issued")');
    const history = (
      await service.http<{ action: string; actor: string }[]>('GET', `/v1/batches/${batch2025}/history`, {
        role: 'finance',
      })
    ).body;
    expect(history.map((entry) => entry.action)).toEqual(['close', 'verify', 'issue']);
    const shown = (await tableRows(page, '#batch-history')).map((row) => row[2]);
    expect(shown).toEqual(history.map((entry) => entry.actor));
    await shoot(page, '09-finance-issued-history');
    // The overview once batches moved on: the picture the README shows (docs/console.png).
    await page.goto(`${service.url}/console#/overview`);
    await page.waitForSelector('#overview-chart[data-drawn="true"]');
    await shoot(page, '10-finance-overview-after-issue');
    await context.close();
  });

  it('shows the webhook delivery log and redelivers from it', async () => {
    const { context, page } = await signedIn('finance');
    await page.goto(`${service.url}/console#/webhooks`);
    await page.click('#webhook-list tbody tr:first-child a');
    await page.waitForSelector('#delivery-log tbody tr');
    const rows = await page.locator('#delivery-log tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('credits.batch.closed'))).toBe(true);
    const before = receiver.received.length;
    await page.click('#delivery-log tbody tr:first-child button');
    await page.waitForSelector('text=queued again');
    await shoot(page, '11-webhook-deliveries');
    // The redelivery reaches the receiver again, under the same delivery id.
    await eventually(
      () => Promise.resolve(receiver.received.length),
      (count) => count > before,
      { what: 'the redelivery' },
    );
    await context.close();
  });
});
