import { repoRoot } from '@refurb/local-stack';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one fault did to the pipeline, as measured; nothing here is asserted. */
export interface FaultRecovery {
  fault: string;
  /** Input messages the tracker had still to process, and rows in its outbox, when the fault began. */
  inFlight: { messages: number; outboxRows: number };
  /** From the fault's start to its clearing (broker answering again, connections allowed, process respawned). */
  heldMs: number;
  /** From the clearing until every service answered 200 on /health/ready. */
  readyAfterMs: number;
  /** From the clearing until everything sent so far had gone through to issuance, outboxes empty. */
  caughtUpAfterMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatRecoveryTable(recoveries: readonly FaultRecovery[]): string {
  const rows = [
    ['fault', 'in flight (msgs / outbox)', 'held', 'ready after', 'caught up after'],
    ...recoveries.map((r) => [
      r.fault,
      `${r.inFlight.messages} / ${r.inFlight.outboxRows}`,
      seconds(r.heldMs),
      seconds(r.readyAfterMs),
      seconds(r.caughtUpAfterMs),
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** Writes the report where CI can keep it (test-artifacts/ is ignored by git) and returns its path. */
export function writeReport(name: string, markdown: string): string {
  const dir = join(repoRoot(), 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, markdown);
  return path;
}
