import { CreatedApiKey, Partner, PartnerApiKey } from './partner';
import { SeededPartner } from './partner-keys.service';
import { ANY_VALUE, SCOPED_KINDS, ScopeListName } from './partner-scope-input';

/** The partner's types, then one line per scope its types name (a kind they never name has none). */
export function formatPartner(partner: Partner): string {
  const scopes = (Object.keys(SCOPED_KINDS) as ScopeListName[])
    .filter((name) => partner[name].length > 0)
    .map((name) => {
      const values = partner[name];
      const shown = values.length === 1 && values[0] === ANY_VALUE ? '* (any)' : values.join(', ');
      return `  may name ${SCOPED_KINDS[name].what}: ${shown}`;
    });
  return [
    `partner ${partner.id} "${partner.displayName}" may send: ${partner.allowedEventTypes.join(', ')}`,
    ...scopes,
  ].join('\n');
}

export function formatPartners(partners: readonly Partner[]): string {
  return partners.length === 0 ? 'no partners' : partners.map(formatPartner).join('\n');
}

export function formatCreatedKey(key: CreatedApiKey): string {
  return [
    `API key ${key.keyId} created for ${key.partnerId}${key.label ? ` (${key.label})` : ''}.`,
    'Store it now: it is shown this once and cannot be recovered.',
    key.apiKey,
  ].join('\n');
}

export function formatKeyTable(keys: readonly PartnerApiKey[]): string {
  if (keys.length === 0) return 'no API keys';
  const rows = keys.map((key) => [
    key.keyId,
    key.partnerId,
    key.label ?? '',
    key.createdAt.toISOString(),
    key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active',
  ]);
  const header = ['KEY ID', 'PARTNER', 'LABEL', 'CREATED', 'STATUS'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatSeeded(seeded: readonly SeededPartner[]): string {
  return [
    'Demo partners ready. Their keys (shown this once; earlier keys stay valid):',
    ...seeded.map(
      ({ partner, key }) =>
        `${partner.id.padEnd(14)} ${key.apiKey}   # ${partner.allowedEventTypes.join(',')}`,
    ),
  ].join('\n');
}
