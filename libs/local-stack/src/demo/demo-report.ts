/** What the demo shows once the pipeline has settled and the batches are closed. */
export interface DemoReport {
  seed: number;
  devices: number;
  sent: number;
  acceptedAtGateway: number;
  rejectedAtGateway: Record<string, number>;
  deadLetters: Record<string, number>;
  cyclesByState: Record<string, number>;
  openConflicts: number;
  batches: DemoBatch[];
}

export interface DemoBatch {
  id: string;
  projectId: string;
  vintage: number;
  state: string;
  lines: number;
  netG: number;
  credits: number;
  serialBlock: string | null;
}

const number = new Intl.NumberFormat('en-US');
const tonnes = (grams: number) => `${(grams / 1_000_000).toFixed(3)} t`;

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map(
    (row) =>
      '  ' +
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
  );
}

function counts(title: string, byKey: Record<string, number>): string[] {
  const entries = Object.entries(byKey).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return [title, '  (none)'];
  return [title, ...table(entries.map(([key, count]) => [key, number.format(count)]))];
}

/** A readable summary for the terminal. */
export function formatDemoReport(report: DemoReport): string {
  const totalCredits = report.batches.reduce((sum, batch) => sum + batch.credits, 0);
  return [
    '',
    `Demo (seed ${report.seed}): ${number.format(report.devices)} devices, ${number.format(report.sent)} deliveries through the gateway, ${number.format(report.acceptedAtGateway)} accepted.`,
    '',
    ...counts('Device cycles by state', report.cyclesByState),
    `  open conflicts (double claims): ${number.format(report.openConflicts)}`,
    '',
    ...counts('Refused at the gateway, by reason', report.rejectedAtGateway),
    '',
    ...counts('Dead letters, by reason', report.deadLetters),
    '',
    'Credit batches (closed by the demo, oldest vintage first)',
    ...(report.batches.length === 0
      ? ['  (none)']
      : table([
          ['BATCH', 'PROJECT', 'VINTAGE', 'STATE', 'LINES', 'NET', 'CREDITS', 'SERIALS'],
          ...report.batches.map((batch) => [
            batch.id,
            batch.projectId,
            String(batch.vintage),
            batch.state,
            number.format(batch.lines),
            tonnes(batch.netG),
            number.format(batch.credits),
            batch.serialBlock ?? '-',
          ]),
        ])),
    `  ${number.format(totalCredits)} credits (t CO2e) issued in ${new Set(report.batches.filter((b) => b.credits > 0).map((b) => b.projectId)).size} projects`,
  ].join('\n');
}
