import { CreatedApiKey, Partner, PartnerApiKey } from './partner';
import { SeededPartner } from './partner-keys.service';

export function formatPartner(partner: Partner): string {
  return `partner ${partner.id} "${partner.displayName}" may send: ${partner.allowedEventTypes.join(', ')}`;
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
