import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from '@refurb/config';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { GATEWAY_SCHEMA, gatewayConnection } from '../gateway-database';
import { GatewayEnv } from '../gateway.env';
import { PartnerKeysException } from './partner-keys.exception';
import { PartnerKeysService } from './partner-keys.service';
import { PartnerRepository } from './partner.repository';
import { CliUsageError, parsePartnersArgs, PartnersCommand, PARTNERS_USAGE } from './partners-cli-args';
import {
  formatCreatedKey,
  formatKeyTable,
  formatPartner,
  formatPartners,
  formatSeeded,
} from './partners-cli-output';

async function run(
  service: PartnerKeysService,
  command: Exclude<PartnersCommand, { command: 'help' }>,
): Promise<string> {
  switch (command.command) {
    case 'partner-upsert':
      return formatPartner(
        await service.upsertPartner({
          id: command.id,
          displayName: command.name,
          allowedEventTypes: command.types,
          allowedWorkshopIds: command.allowedWorkshopIds,
          allowedSiteIds: command.allowedSiteIds,
          allowedResaleChannels: command.allowedResaleChannels,
        }),
      );
    case 'partner-list':
      return formatPartners(await service.listPartners());
    case 'key-create':
      return formatCreatedKey(await service.createKey(command.partnerId, command.label));
    case 'key-revoke': {
      const key = await service.revokeKey(command.keyId);
      return `API key ${key.keyId} of ${key.partnerId} revoked at ${key.revokedAt?.toISOString()}`;
    }
    case 'key-list':
      return formatKeyTable(await service.listKeys(command.partnerId));
    case 'seed-local':
      return formatSeeded(await service.seedDemoPartners());
  }
}

/** `npm run gateway:partners -- <command>`: partner and API key administration on DATABASE_URL. */
async function main(argv: string[]): Promise<number> {
  const command = parsePartnersArgs(argv);
  if (command.command === 'help') {
    console.log(PARTNERS_USAGE);
    return 0;
  }
  const env = loadConfig(GatewayEnv);
  // Migrates first, like the service does, so the CLI works on a fresh database.
  const dataSource = await openServiceDataSource(
    serviceDataSourceOptions(gatewayConnection(env, 'gateway-partners-cli'), GATEWAY_SCHEMA),
  );
  try {
    console.log(await run(new PartnerKeysService(new PartnerRepository(dataSource)), command));
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      console.error(`error: ${error.message}\n\n${PARTNERS_USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof PartnerKeysException) {
      console.error(`error: ${error.code}: ${error.message}`);
      process.exitCode = 1;
    } else {
      // A configuration error's message names every bad variable; anything else is unexpected.
      console.error(error instanceof ConfigValidationError ? error.message : error);
      process.exitCode = 1;
    }
  },
);
