import { parseArgs } from 'node:util';
import { ScopeListsInput } from './partner-scope-input';

export type PartnersCommand =
  | ({ command: 'partner-upsert'; id: string; name: string; types: string[] } & ScopeListsInput)
  | { command: 'partner-list' }
  | { command: 'key-create'; partnerId: string; label?: string }
  | { command: 'key-revoke'; keyId: string }
  | { command: 'key-list'; partnerId?: string }
  | { command: 'seed-local' }
  | { command: 'help' };

export const PARTNERS_USAGE = `Usage: npm run gateway:partners -- <command> [options]

Commands:
  partner-upsert --id <id> --name <display name> --types <type>[,<type>...]
                 [--workshops <id>[,<id>...]] [--sites <id>[,<id>...]] [--channels <name>[,<name>...]]
                          create a partner, or replace its name, allowed event types and scopes;
                          the scopes its types name are required ('*' for any value):
                            --workshops  for device.diagnosed, repaired, refurbished, recycled
                            --sites      for device.collected
                            --channels   for device.resold
                          changes apply from the partner's next request
  partner-list            list partners with their event types and scopes
  key-create --partner <id> [--label <label>]
                          issue an API key; the key is printed once and never stored
  key-revoke --key-id <key id>
                          revoke a key (takes effect on the next request)
  key-list [--partner <id>]
                          list keys (never their secrets)
  seed-local              ensure the demo partners exist and print a fresh key for each
  help                    show this text

Event types: device.collected, device.diagnosed, device.repaired, device.refurbished,
device.recycled, device.resold, device.returned`;

/** A command line that cannot be run; the CLI prints it with the usage. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

type Values = Record<string, string | undefined>;

function parseOptions(args: string[], names: string[]): Values {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    // parseArgs reports unknown options, missing values and stray arguments as TypeErrors.
    throw new CliUsageError((error as Error).message);
  }
}

function required(values: Values, name: string): string {
  const value = values[name]?.trim();
  if (!value) throw new CliUsageError(`--${name} is required`);
  return value;
}

/** A comma-separated option's values; blank items (a trailing comma) are dropped. */
function list(values: Values, name: string, what: string): string[] {
  const items = required(values, name)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) throw new CliUsageError(`--${name} must list at least one ${what}`);
  return items;
}

/** The scope options given; the partner's types decide which are required (checkScopeLists). */
function scopeLists(values: Values): ScopeListsInput {
  const lists: ScopeListsInput = {};
  if (values.workshops !== undefined)
    lists.allowedWorkshopIds = list(values, 'workshops', "workshop id or '*'");
  if (values.sites !== undefined) lists.allowedSiteIds = list(values, 'sites', "site id or '*'");
  if (values.channels !== undefined) lists.allowedResaleChannels = list(values, 'channels', "channel or '*'");
  return lists;
}

function optional(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value !== undefined && value.trim() === '') throw new CliUsageError(`--${name} must not be empty`);
  return value?.trim();
}

/** The command a `gateway:partners` command line asks for; nothing is checked against the database. */
export function parsePartnersArgs(argv: readonly string[]): PartnersCommand {
  const [command, ...rest] = argv;
  switch (command) {
    case 'partner-upsert': {
      const values = parseOptions(rest, ['id', 'name', 'types', 'workshops', 'sites', 'channels']);
      return {
        command,
        id: required(values, 'id'),
        name: required(values, 'name'),
        types: list(values, 'types', 'event type'),
        ...scopeLists(values),
      };
    }
    case 'partner-list':
      parseOptions(rest, []);
      return { command };
    case 'key-create': {
      const values = parseOptions(rest, ['partner', 'label']);
      const label = optional(values, 'label');
      const partnerId = required(values, 'partner');
      return label === undefined ? { command, partnerId } : { command, partnerId, label };
    }
    case 'key-revoke':
      return { command, keyId: required(parseOptions(rest, ['key-id']), 'key-id') };
    case 'key-list': {
      const partnerId = optional(parseOptions(rest, ['partner']), 'partner');
      return partnerId === undefined ? { command } : { command, partnerId };
    }
    case 'seed-local':
      parseOptions(rest, []);
      return { command };
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help' };
    default:
      throw new CliUsageError(`unknown command ${JSON.stringify(command)}`);
  }
}
