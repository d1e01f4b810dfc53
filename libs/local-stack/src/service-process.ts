import { prettyLogLine } from '@refurb/runtime';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { ensureLocalSigningKeys } from './local-signing-keys';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './repo-root';

export interface ServiceSpec {
  name: 'gateway' | 'tracker' | 'issuance';
  port: number;
  /** Options for the service's Node.js itself, e.g. `--cpu-prof` (Node refuses those in NODE_OPTIONS). */
  nodeOptions?: readonly string[];
}

/**
 * A built program other than the three services, run the same way (e.g. the benchmark's naive
 * tracker): it must answer `GET /health` on `port` once it is up.
 */
export interface ProgramSpec extends Omit<ServiceSpec, 'name'> {
  /** Labels its output. */
  name: string;
  /** Path of its built entry point. */
  entryPoint: string;
}

/**
 * V8 grows its old generation towards a share of the machine's memory before collecting in earnest;
 * a service's live data is bounded by its transaction size, so a fixed heap keeps each service's
 * resident memory under 300 MB at the cost of more frequent collection. docker/Dockerfile sets the same.
 */
const SERVICE_HEAP_OPTION = '--max-old-space-size=192';

/** Where `npm run build` puts a service's entry point (dist/apps/<name>/src/main.js). */
export function builtEntryPoint(name: ServiceSpec['name']): string {
  return resolve(repoRoot(), 'dist', 'apps', name, 'src', 'main.js');
}

export interface ServiceProcessOptions {
  /** The service's output as it wrote it (JSON lines), replaced at each start. */
  logFile?: string;
}

/**
 * One built service running as a child process. Its output, each JSON line made readable and prefixed
 * with the service's name, goes to `output` (the terminal by default), and unchanged to the log file.
 */
export class ServiceProcess<Spec extends ServiceSpec | ProgramSpec = ServiceSpec> {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private logStream?: WriteStream;
  /** The last lines the service printed, quoted in errors so a failed start explains itself. */
  private readonly recentOutput: string[] = [];

  constructor(
    readonly spec: Spec,
    private readonly env: NodeJS.ProcessEnv,
    private readonly output: (line: string) => void = (line) => process.stdout.write(line),
    private readonly options: ServiceProcessOptions = {},
  ) {}

  get logFile(): string | undefined {
    return this.options.logFile;
  }

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    // The services' key-file defaults point at the local pairs: made on first run, kept after.
    ensureLocalSigningKeys(this.env);
    const spec: ServiceSpec | ProgramSpec = this.spec;
    const entryPoint = 'entryPoint' in spec ? spec.entryPoint : builtEntryPoint(spec.name);
    const child = spawn(
      process.execPath,
      [SERVICE_HEAP_OPTION, ...(this.spec.nodeOptions ?? []), entryPoint],
      {
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    if (this.options.logFile) {
      mkdirSync(dirname(this.options.logFile), { recursive: true });
      this.logStream = createWriteStream(this.options.logFile, { flags: 'w' });
    }
    const prefix = `[${this.spec.name}] `.padEnd(12);
    const forward = (stream: Readable | null) =>
      stream &&
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        if (line.length === 0) return;
        this.logStream?.write(`${line}\n`);
        this.recentOutput.push(line);
        if (this.recentOutput.length > 60) this.recentOutput.shift();
        this.output(`${prefix}${prettyLogLine(line)}\n`);
      });
    forward(child.stdout);
    forward(child.stderr);
    // 'close' rather than 'exit': the output is read to its last line (the reason for a crash) by then.
    this.exited = new Promise((done) =>
      child.once('close', (code) => {
        this.logStream?.end();
        done(code);
      }),
    );
    this.child = child;
  }

  /** Resolves with the exit code when the process ends, whoever ended it. */
  whenExited(): Promise<number | null> {
    if (!this.exited) throw new Error(`${this.spec.name} was never started`);
    return this.exited;
  }

  async waitUntilHealthy(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.whenExited().then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) {
        throw new Error(
          `${this.spec.name} exited with ${exitCode} before it was healthy:\n${this.outputTail()}`,
        );
      }
      try {
        const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(3000) });
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(300);
    }
    throw new Error(
      `${this.spec.name} was not healthy on ${this.url}/health within ${timeoutMs} ms:\n${this.outputTail()}`,
    );
  }

  /** The service's last lines, readable, and where the rest is. */
  outputTail(): string {
    const tail = this.recentOutput.map((line) => prettyLogLine(line)).join('\n');
    return this.options.logFile ? `${tail}\n(the whole log: ${this.options.logFile})` : tail;
  }

  /** SIGTERM (graceful: the consumer finishes its batch and leaves the group), SIGKILL after the grace period. */
  async stop(graceMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.whenExited();
    clearTimeout(timer);
  }

  /** Ends the process at once, as a crash would. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.whenExited();
  }
}
