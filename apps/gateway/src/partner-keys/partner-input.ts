import { DEVICE_EVENT_TYPES, DeviceEventType } from '@refurb/contracts';
import { PartnerScopeLists } from './partner';
import { PartnerKeysErrorCode, PartnerKeysException } from './partner-keys.exception';
import { checkScopeLists, ScopeListsInput } from './partner-scope-input';

/** A partner as an operator states it: every list its event types need (checkScopeLists). */
export interface PartnerInput extends ScopeListsInput {
  id: string;
  displayName: string;
  allowedEventTypes: readonly string[];
}

export interface ValidPartnerInput extends PartnerScopeLists {
  id: string;
  displayName: string;
}

// Kept to what is safe in a CloudEvents source, a URL path segment and a log line.
const PARTNER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_PARTNER_ID = 64;
const MAX_TEXT = 200;
const CONTROL_CHARACTERS = /\p{Cc}/u;

export function isDeviceEventType(value: unknown): value is DeviceEventType {
  return typeof value === 'string' && (DEVICE_EVENT_TYPES as readonly string[]).includes(value);
}

export function checkPartnerId(id: string): string {
  if (id.length > MAX_PARTNER_ID || !PARTNER_ID.test(id)) {
    throw new PartnerKeysException(
      PartnerKeysErrorCode.INVALID_PARTNER_ID,
      `partner id ${JSON.stringify(id)} must be lower-case letters and digits in dash-separated words, ` +
        `at most ${MAX_PARTNER_ID} characters (e.g. rebox-fr)`,
    );
  }
  return id;
}

/** Trimmed, NFC, 1-200 printable characters. */
export function checkText(value: string, what: string, code: PartnerKeysErrorCode): string {
  const text = value.normalize('NFC').trim();
  if (text.length === 0 || text.length > MAX_TEXT || CONTROL_CHARACTERS.test(text)) {
    throw new PartnerKeysException(code, `${what} must be 1-${MAX_TEXT} printable characters`);
  }
  return text;
}

/**
 * Validates an upsert; event types are de-duplicated and kept in the catalogue's order, scope values
 * normalised, de-duplicated and sorted.
 */
export function checkPartnerInput(input: PartnerInput): ValidPartnerInput {
  const unknown = input.allowedEventTypes.filter((type) => !isDeviceEventType(type));
  if (unknown.length > 0 || input.allowedEventTypes.length === 0) {
    throw new PartnerKeysException(
      PartnerKeysErrorCode.INVALID_EVENT_TYPES,
      `allowed event types must be a non-empty list of ${DEVICE_EVENT_TYPES.join(', ')}` +
        (unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  const allowedEventTypes = DEVICE_EVENT_TYPES.filter((type) => input.allowedEventTypes.includes(type));
  return {
    id: checkPartnerId(input.id),
    displayName: checkText(input.displayName, 'display name', PartnerKeysErrorCode.INVALID_DISPLAY_NAME),
    allowedEventTypes,
    ...checkScopeLists(allowedEventTypes, input),
  };
}
