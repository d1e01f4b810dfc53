import 'reflect-metadata';
import { CodedError } from '@refurb/contracts';
import { ConfigValidationError, loadConfig } from '@refurb/config';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { simulatedKafkaSources } from '@refurb/simulator';
import { EntityManager } from 'typeorm';
import { TRACKER_MIGRATIONS } from '../migrations';
import { TrackerEnv } from '../tracker.env';
import { KafkaSourceRepository } from './kafka-source.repository';
import {
  parseTrackerSourcesArgs,
  TRACKER_SOURCES_USAGE,
  TrackerSourcesCommand,
  TrackerSourcesUsageError,
} from './tracker-sources-args';

async function run(
  manager: EntityManager,
  command: Exclude<TrackerSourcesCommand, { command: 'help' }>,
): Promise<unknown> {
  const sources = new KafkaSourceRepository();
  switch (command.command) {
    case 'add':
      return sources.register(manager, command.registration);
    case 'list':
      return sources.list(manager);
    case 'retire': {
      const retired = await sources.retire(manager, command.source);
      if (!retired) {
        throw new CodedError(
          'TRACKER_SOURCES.NOT_FOUND',
          `no active source ${JSON.stringify(command.source)}`,
        );
      }
      return retired;
    }
    case 'seed-local': {
      const registered = [];
      for (const source of simulatedKafkaSources()) registered.push(await sources.register(manager, source));
      return registered;
    }
  }
}

/**
 * `npm run tracker:sources -- <command>`: the Kafka-native sources the tracker accepts events from, on
 * DATABASE_URL. Prints JSON, as tracker:keys does; exits 2 on a usage error, 1 on any other.
 */
async function main(argv: string[]): Promise<void> {
  const command = parseTrackerSourcesArgs(argv);
  if (command.command === 'help') {
    console.log(TRACKER_SOURCES_USAGE);
    return;
  }
  const env = loadConfig(TrackerEnv);
  // Migrates first, like the service does, so the CLI works on a fresh database.
  const dataSource = await openServiceDataSource(
    serviceDataSourceOptions(
      { url: env.DATABASE_URL, applicationName: 'tracker-sources-cli' },
      { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
    ),
  );
  try {
    console.log(JSON.stringify(await run(dataSource.manager, command), null, 2));
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof TrackerSourcesUsageError;
  // A configuration error's message names every bad variable, a coded one its code; anything else is unexpected.
  const expected = error instanceof CodedError || error instanceof ConfigValidationError;
  console.error(
    `tracker:sources: ${expected ? error.message : error instanceof Error ? error.stack : String(error)}`,
  );
  if (usage) console.error(`\n${TRACKER_SOURCES_USAGE}`);
  process.exitCode = usage ? 2 : 1;
});
