import { INestApplicationContext } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { API_KEY_COMMANDS } from './auth/api-key.commands';
import { BATCH_COMMANDS } from './batches/batch.commands';
import { COMMAND_OPTIONS, CommandResult, CommandUsageError, IssuanceCommand } from './command-line';
import { EVIDENCE_COMMANDS } from './evidence/evidence.commands';
import { IssuanceException } from './issuance.exception';
import { PROJECT_COMMANDS } from './projects/project.commands';
import { UNPLACED_COMMANDS } from './unplaced-lines/unplaced.commands';

/** Every operator command, each declared beside its use case; the usage text follows this order. */
const COMMANDS: readonly IssuanceCommand[] = [
  ...API_KEY_COMMANDS,
  ...BATCH_COMMANDS,
  ...EVIDENCE_COMMANDS,
  ...PROJECT_COMMANDS,
  ...UNPLACED_COMMANDS,
];

const DESCRIPTION_COLUMN = 63;

export const USAGE = [
  'usage: npm run issuance -- <command>',
  ...COMMANDS.map(({ name, usage, description }) => {
    const call = `  ${name} ${usage}`.trimEnd();
    return description === undefined ? call : `${call.padEnd(DESCRIPTION_COLUMN - 1)} ${description}`;
  }),
].join('\n');

function usageError(problem: string): IssuanceException {
  return new IssuanceException('ISSUANCE.INVALID_REQUEST', `${problem}\n${USAGE}`);
}

/** Names of two words (`batch close`) come first: their argument is the third word, not the second. */
function commandOf(positionals: readonly string[]): { command: IssuanceCommand; argument?: string } {
  for (const words of [2, 1]) {
    const name = positionals.slice(0, words).join(' ');
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (command) return { command, argument: positionals[words] };
  }
  throw usageError(`unknown command: ${positionals.join(' ') || '(none)'}`);
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: COMMAND_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}

/** One operator command against an application context of IssuanceCliModule (or the service). */
export async function runIssuanceCommand(
  app: INestApplicationContext,
  argv: string[],
): Promise<CommandResult> {
  const parsed = parseCommandLine(argv);
  const { command, argument } = commandOf(parsed.positionals);
  try {
    return await command.run(app, { options: parsed.values, argument });
  } catch (error) {
    if (error instanceof CommandUsageError) throw usageError(error.problem);
    throw error;
  }
}
