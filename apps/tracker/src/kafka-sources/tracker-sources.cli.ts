import 'reflect-metadata';
import { CodedError } from '@refurb/contracts';
import { simulatedKafkaSources } from '@refurb/simulator';
import { EntityManager } from 'typeorm';
import { reportCommandFailure, withTrackerDatabase } from '../tracker-cli';
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
  const done = await withTrackerDatabase('tracker-sources-cli', (dataSource) =>
    run(dataSource.manager, command),
  );
  console.log(JSON.stringify(done, null, 2));
}

main(process.argv.slice(2)).catch(
  reportCommandFailure(
    'tracker:sources',
    TRACKER_SOURCES_USAGE,
    (error) => error instanceof TrackerSourcesUsageError,
  ),
);
