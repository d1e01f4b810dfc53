import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@refurb/config';
import { BatchException } from '@refurb/issuance';
import { IssuanceEnv } from '../issuance.env';
import { IssuanceException } from '../issuance.exception';
import { IssuanceCliModule } from './issuance-cli.module';
import { runIssuanceCommand, USAGE } from '../issuance-commands';

/**
 * Operators' commands (`npm run issuance -- <command>`), against the database of DATABASE_URL.
 * Prints JSON (the evidence CSV as is) on stdout; expected failures print `{code, message}` on stderr
 * and exit with 1.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const env = loadConfig(IssuanceEnv);
  const app = await NestFactory.createApplicationContext(IssuanceCliModule.forRoot(env), {
    logger: ['error'],
  });
  try {
    const { output, exitCode } = await runIssuanceCommand(app, argv);
    process.stdout.write(typeof output === 'string' ? output : `${JSON.stringify(output, null, 2)}\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof IssuanceException || error instanceof BatchException) {
      process.stderr.write(`${JSON.stringify({ code: error.code, message: error.message })}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
