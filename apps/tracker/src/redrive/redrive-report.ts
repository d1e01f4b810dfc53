import { RedriveSummary } from './redrive-dead-letters.handler';

/** What the command prints: one line per dead letter chosen, then the counts. */
export function redriveReport(summary: RedriveSummary): string[] {
  const verb = summary.dryRun ? 'would redrive' : 'redriven';
  const lines = summary.letters.map(
    (letter) =>
      `${verb} ${letter.from} ${letter.reasonCode ?? '-'} ${letter.eventSource ?? '-'} ${letter.eventId ?? '-'}` +
      ` -> ${letter.topic}`,
  );
  lines.push(
    `scanned ${summary.scanned}, selected ${summary.selected}, redriven ${summary.redriven}` +
      `, superseded ${summary.superseded}, skipped ${summary.skipped}${summary.dryRun ? ' (dry run)' : ''}`,
  );
  return lines;
}
