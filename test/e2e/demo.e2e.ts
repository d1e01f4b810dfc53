import { repoRoot } from '@refurb/local-stack';
import { eventually, freePort, TestDatabase, testKafkaBrokers } from '@refurb/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` is `npm run build` then this entry point with --demo (package.json). */
const START_STACK = join(repoRoot(), 'dist', 'libs', 'local-stack', 'src', 'start-stack.js');
const DEMO_TIMEOUT_MS = 600_000;

describe('npm start: the local stack runs the demo and prints its summary', () => {
  let database: TestDatabase;
  let stack: ChildProcess | undefined;
  let exited: Promise<number | null>;
  let output = '';
  const logDir = mkdtempSync(join(tmpdir(), 'refurb-demo-logs-'));

  beforeAll(async () => {
    database = await TestDatabase.create('e2e_demo');
    const runId = randomUUID().slice(0, 8);
    stack = spawn(process.execPath, [START_STACK, '--demo', '--devices', '3000', '--seed', '20261129'], {
      env: {
        ...process.env,
        // The tests' own broker and database stand in for the local defaults, on ports of their own.
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        DATABASE_URL: database.url,
        GATEWAY_PORT: String(await freePort()),
        TRACKER_PORT: String(await freePort()),
        ISSUANCE_PORT: String(await freePort()),
        TRACKER_CONSUMER_GROUP: `e2e-demo-tracker-${runId}`,
        ISSUANCE_CONSUMER_GROUP: `e2e-demo-issuance-${runId}`,
        REFURB_LOG_DIR: logDir,
        LOG_TO_CONSOLE: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => void (output += chunk.toString());
    stack.stdout?.on('data', collect);
    stack.stderr?.on('data', collect);
    exited = new Promise((resolve) => stack!.once('exit', (code) => resolve(code)));
  });

  afterAll(async () => {
    if (stack && stack.exitCode === null) {
      stack.kill('SIGKILL');
      await exited;
    }
    await database?.drop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it(
    'shows cycles by state, dead letters by reason and closed batches with credits in two projects, then stops on Ctrl-C',
    async () => {
      await eventually(
        () => {
          if (stack?.exitCode !== null) throw new Error(`the stack exited:\n${output.slice(-4000)}`);
          return Promise.resolve(output.includes('\nRefurb Ledger is running:'));
        },
        Boolean,
        { timeoutMs: DEMO_TIMEOUT_MS, intervalMs: 500, what: 'the demo summary' },
      );
      const text = output;
      expect(text).toContain('Device cycles by state');
      expect(text).toMatch(/ eligible +\d/);
      expect(text).toContain('Dead letters, by reason');
      expect(text).toContain('Credit batches (closed by the demo, oldest vintage first)');
      // BATCH PROJECT VINTAGE STATE LINES NET CREDITS SERIALS, e.g. "FR-01-2026-4  FR-01  2026  closed  1,531  110.145 t  110  RL-…"
      const creditsByProject = text.split('\n').flatMap((line) => {
        const row = /^ {2}\S+ +([A-Z]{2}-\d\d) +(\d{4}) +closed +[\d,]+ +[\d.-]+ t +([\d,]+) /.exec(line);
        return row
          ? [{ project: row[1], vintage: Number(row[2]), credits: Number(row[3].replace(/,/g, '')) }]
          : [];
      });
      // Listed in close order, and closed oldest vintage first: the vintages never go down.
      const vintages = creditsByProject.map((batch) => batch.vintage);
      expect(new Set(vintages).size).toBeGreaterThanOrEqual(2);
      expect(vintages).toEqual([...vintages].sort((a, b) => a - b));
      const projectsWithCredits = new Set(
        creditsByProject.filter((b) => b.credits > 0).map((b) => b.project),
      );
      expect(projectsWithCredits.size).toBeGreaterThanOrEqual(2);
      const [, credits, projects] = /(\d[\d,]*) credits \(t CO2e\) issued in (\d+) projects/.exec(text) ?? [];
      expect(Number(credits.replace(/,/g, ''))).toBeGreaterThan(0);
      expect(Number(projects)).toBeGreaterThanOrEqual(2);

      // The terminal shows the stack and the demo; the services' own logs are in their files, named once.
      expect(text).not.toMatch(/Mapped \{|RoutesResolver|NestFactory|InstanceLoader|"level":/);
      const logFiles = ['gateway', 'tracker', 'issuance'].map((name) => join(logDir, `${name}.log`));
      expect(text).toContain(`Service logs (JSON lines): ${logFiles.join('  ')}`);
      const financeKey = /finance key: (rl_\S+)/.exec(text)?.[1];
      expect(financeKey).toBeDefined();
      const operatorKey = /operator key: (rl_\S+)/.exec(text)?.[1];
      expect(operatorKey).toBeDefined();
      // The printed key is the one to use: the tracker's routes answer it, and only it.
      const conflicts = /tracker +(http:\S+\/v1\/conflicts)/.exec(text)?.[1] ?? 'no tracker line';
      expect((await fetch(conflicts)).status).toBe(401);
      expect((await fetch(conflicts, { headers: { authorization: `Bearer ${operatorKey}` } })).status).toBe(
        200,
      );
      // The scan station: its page, and a workshop key that signs in and reads a device through it.
      const station = /station +(http:\S+\/station) +workshop key: (rl_\S+)/.exec(text);
      expect(station).not.toBeNull();
      const [, stationUrl, workshopKey] = station ?? [];
      expect((await fetch(stationUrl)).headers.get('content-security-policy')).toContain(
        "default-src 'self'",
      );
      const signIn = await fetch(`${stationUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-station': '1' },
        body: JSON.stringify({ apiKey: workshopKey }),
      });
      expect(await signIn.json()).toMatchObject({ workshopId: 'ws-lyon-01' });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
      const device = await fetch(`${stationUrl}/api/devices/serial:acme:DEMO-1`, { headers: { cookie } });
      // The gateway reads the tracker with the station key the stack made: an unknown device is empty.
      expect(await device.json()).toMatchObject({ deviceId: 'serial:acme:DEMO-1', timeline: [] });
      // The console: its page, and the printed verifier key signs in and lists the closed batches.
      const consoleLine = /console +(http:\S+\/console) +finance key: (rl_\S+) +verifier key: (rl_\S+)/.exec(
        text,
      );
      expect(consoleLine).not.toBeNull();
      const [, consoleUrl, consoleFinanceKey, verifierKey] = consoleLine ?? [];
      expect(consoleFinanceKey).toBe(financeKey);
      expect((await fetch(consoleUrl)).headers.get('content-security-policy')).toContain(
        "default-src 'self'",
      );
      const consoleSignIn = await fetch(`${consoleUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-console': '1' },
        body: JSON.stringify({ apiKey: verifierKey }),
      });
      expect(await consoleSignIn.json()).toMatchObject({ role: 'verifier' });
      const consoleCookie = (consoleSignIn.headers.get('set-cookie') ?? '').split(';')[0];
      const closed = await fetch(`${consoleUrl.replace(/\/console$/, '')}/v1/batches?state=closed`, {
        headers: { cookie: consoleCookie, 'x-console': '1' },
      });
      expect(closed.status).toBe(200);
      expect(((await closed.json()) as unknown[]).length).toBeGreaterThan(0);
      for (const file of logFiles) {
        const content = readFileSync(file, 'utf8');
        const records = content
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { level: string; service: string; msg: string });
        expect(records.length).toBeGreaterThan(0);
        expect(
          records.every((record) => typeof record.level === 'string' && typeof record.msg === 'string'),
        ).toBe(true);
        expect(content).not.toContain(financeKey);
        expect(content).not.toContain(operatorKey);
        expect(content).not.toContain(verifierKey);
      }
      const gatewayLog = readFileSync(logFiles[0], 'utf8');
      expect(gatewayLog).toMatch(/"requestId":"[0-9a-f-]{36}".*"msg":"POST \/v1\/events 20\d"/);
      expect(gatewayLog).not.toMatch(/"authorization":"Bearer/);

      stack!.kill('SIGINT');
      expect(await exited).toBe(0);
    },
    DEMO_TIMEOUT_MS,
  );
});
