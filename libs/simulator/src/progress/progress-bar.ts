/** The part of a stream the progress bar writes to (process.stderr, or a fake in specs). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBarOptions {
  label: string;
  /** Known total, for a percentage and an ETA. */
  total?: number;
  stream?: ProgressStream;
  /** Without a terminal, how often a plain line is printed (default 5 s). */
  lineIntervalMs?: number;
  clock?: () => number;
}

export interface ProgressState {
  label: string;
  done: number;
  total?: number;
  elapsedMs: number;
}

/** Whole-terminal redraws faster than this are wasted work. */
const REDRAW_MS = 100;
const BAR_WIDTH = 24;
const number = new Intl.NumberFormat('en-US');

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** `label 12,345/27,300 45.2% 4,210/s ETA 4s`, with a bar in front of the counts when `withBar`. */
export function formatProgress({ label, done, total, elapsedMs }: ProgressState, withBar: boolean): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const parts = [label];
  if (total !== undefined && total > 0) {
    const ratio = Math.min(1, done / total);
    if (withBar) {
      const filled = Math.round(ratio * BAR_WIDTH);
      parts.push(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`);
    }
    parts.push(`${number.format(done)}/${number.format(total)}`, `${(ratio * 100).toFixed(1)}%`);
  } else {
    parts.push(number.format(done));
  }
  parts.push(`${number.format(Math.round(rate))}/s`);
  if (total !== undefined && rate > 0 && done < total)
    parts.push(`ETA ${duration(((total - done) / rate) * 1000)}`);
  if (total !== undefined && done >= total) parts.push(`in ${duration(elapsedMs)}`);
  return parts.join(' ');
}

/**
 * Progress on stderr: on a terminal, one line redrawn in place; otherwise (CI logs, files) a plain line
 * every few seconds and one at the end, so logs stay readable.
 */
export class ProgressBar {
  private readonly stream: ProgressStream;
  private readonly clock: () => number;
  private readonly startedAt: number;
  private readonly interactive: boolean;
  private lastWriteAt = -Infinity;
  private done = 0;
  private finished = false;

  constructor(private readonly options: ProgressBarOptions) {
    this.stream = options.stream ?? process.stderr;
    this.clock = options.clock ?? Date.now;
    this.startedAt = this.clock();
    this.interactive = this.stream.isTTY === true;
  }

  update(done: number): void {
    this.done = done;
    const now = this.clock();
    const interval = this.interactive ? REDRAW_MS : (this.options.lineIntervalMs ?? 5000);
    if (now - this.lastWriteAt < interval) return;
    this.lastWriteAt = now;
    this.write(now);
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.write(this.clock());
    if (this.interactive) this.stream.write('\n');
  }

  private write(now: number): void {
    const state = {
      label: this.options.label,
      done: this.done,
      total: this.options.total,
      elapsedMs: now - this.startedAt,
    };
    if (!this.interactive) {
      this.stream.write(`${formatProgress(state, false)}\n`);
      return;
    }
    const line = formatProgress(state, true);
    const width = this.stream.columns ?? 120;
    // Carriage return and erase-line redraw in place; a line wider than the terminal would wrap and scroll.
    this.stream.write(`\r\x1b[2K${line.slice(0, Math.max(10, width - 1))}`);
  }
}
