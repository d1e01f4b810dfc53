import { done, IssuanceCommand, requiredArgument } from '../command-line';
import { ExportEvidenceCsvHandler } from './export-evidence-csv.handler';
import { RecomputeBatchHandler } from './recompute-batch.handler';

/** `recompute` exits with this code when anything differs, so a script can tell a mismatch from a failure. */
const MISMATCH_EXIT_CODE = 3;

export const EVIDENCE_COMMANDS: IssuanceCommand[] = [
  {
    name: 'batch evidence',
    usage: '<batchId>',
    description: 'prints the evidence CSV',
    run: async (app, line) =>
      done(await app.get(ExportEvidenceCsvHandler).text(requiredArgument(line, 'the batch id'))),
  },
  {
    name: 'recompute',
    usage: '<batchId>',
    description: `exit code ${MISMATCH_EXIT_CODE} if anything differs`,
    async run(app, line) {
      const report = await app.get(RecomputeBatchHandler).recompute(requiredArgument(line, 'the batch id'));
      return done(report, report.matches ? 0 : MISMATCH_EXIT_CODE);
    },
  },
];
