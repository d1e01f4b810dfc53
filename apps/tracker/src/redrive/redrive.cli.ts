import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { KafkaEnv, loadConfig } from '@refurb/config';
import { RedriveDeadLettersHandler } from './redrive-dead-letters.handler';
import { RedriveModule } from './redrive.module';
import { RedriveErrorCode, RedriveException } from './redrive.exception';
import { parseRedriveArguments, REDRIVE_USAGE } from './redrive-arguments';
import { redriveReport } from './redrive-report';

/** `npm run redrive -- --code EVENT.INVALID_IMEI [...]`; see REDRIVE_USAGE. */
async function main(argv: readonly string[]): Promise<void> {
  const command = parseRedriveArguments(argv);
  if (command.help) {
    console.log(REDRIVE_USAGE);
    return;
  }
  const env = loadConfig(KafkaEnv);
  const app = await NestFactory.createApplicationContext(RedriveModule.forRoot(env), {
    logger: ['error', 'warn'],
  });
  try {
    const summary = await app.get(RedriveDeadLettersHandler).redrive(command.criteria);
    for (const line of redriveReport(summary)) console.log(line);
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof RedriveException && error.code === RedriveErrorCode.INVALID_ARGUMENTS;
  console.error(`redrive: ${error instanceof Error ? error.message : String(error)}`);
  if (usage) console.error(`\n${REDRIVE_USAGE}`);
  process.exitCode = usage ? 2 : 1;
});
