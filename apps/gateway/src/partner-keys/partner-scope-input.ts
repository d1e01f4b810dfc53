import { DeviceEventType, findTextProblem, isBlank, normaliseText, TEXT_LIMITS } from '@refurb/contracts';
import { PartnerScopeLists } from './partner';
import { PartnerKeysErrorCode, PartnerKeysException } from './partner-keys.exception';

export type ScopeListName = Exclude<keyof PartnerScopeLists, 'allowedEventTypes'>;

/** The values of one kind a partner may name, as an operator gives them. */
export type ScopeListsInput = Partial<Record<ScopeListName, readonly string[]>>;

interface ScopedKind {
  what: string;
  /** The `gateway:partners` option that sets the list, for the messages. */
  option: string;
  /** The event types whose events name a value of this kind (partner-scope.ts in contracts). */
  types: readonly DeviceEventType[];
}

export const SCOPED_KINDS: Readonly<Record<ScopeListName, ScopedKind>> = {
  allowedWorkshopIds: {
    what: 'workshop ids',
    option: '--workshops',
    types: ['device.diagnosed', 'device.repaired', 'device.refurbished', 'device.recycled'],
  },
  allowedSiteIds: { what: 'collection site ids', option: '--sites', types: ['device.collected'] },
  allowedResaleChannels: { what: 'resale channels', option: '--channels', types: ['device.resold'] },
};

/** Any value: must be the list's only member, so that a list never reads narrower than it is. */
export const ANY_VALUE = '*';

function invalidScope(message: string): PartnerKeysException {
  return new PartnerKeysException(PartnerKeysErrorCode.INVALID_SCOPE, message);
}

/**
 * One list, normalised as events' identifiers are (trimmed, NFC) so that it compares with what the
 * validator makes of an event, then de-duplicated and sorted.
 */
function checkValues(name: ScopeListName, values: readonly string[]): string[] {
  const { what, option } = SCOPED_KINDS[name];
  const normalised = [...new Set(values.map(normaliseText))].sort();
  if (normalised.length === 0) throw invalidScope(`${what} (${option}) must list at least one value, or '*'`);
  if (normalised.includes(ANY_VALUE) && normalised.length > 1) {
    throw invalidScope(`${what} (${option}): '*' means any and cannot be listed with other values`);
  }
  for (const value of normalised) {
    const problem = isBlank(value) ? 'must not be blank' : findTextProblem(value, TEXT_LIMITS.identifier);
    if (problem) throw invalidScope(`${what} (${option}): ${JSON.stringify(value)} ${problem}`);
  }
  return normalised;
}

/**
 * The lists a partner with these event types must state: one per kind its types name (none may be left
 * to a default, since a forgotten list would otherwise mean "any"), and none for a kind they never name.
 */
export function checkScopeLists(
  types: readonly DeviceEventType[],
  input: ScopeListsInput,
): Omit<PartnerScopeLists, 'allowedEventTypes'> {
  const lists = {} as Record<ScopeListName, string[]>;
  for (const name of Object.keys(SCOPED_KINDS) as ScopeListName[]) {
    const { what, option, types: naming } = SCOPED_KINDS[name];
    const named = naming.filter((type) => types.includes(type));
    const given = input[name];
    if (named.length === 0) {
      if (given !== undefined && given.length > 0) {
        throw invalidScope(`${what} (${option}) apply only to a partner sending ${naming.join(', ')}`);
      }
      lists[name] = [];
    } else if (given === undefined) {
      throw invalidScope(
        `a partner sending ${named.join(', ')} must state the ${what} it may name: ` +
          `${option} <value>[,<value>...], or ${option} '*' for any`,
      );
    } else {
      lists[name] = checkValues(name, given);
    }
  }
  return lists;
}
