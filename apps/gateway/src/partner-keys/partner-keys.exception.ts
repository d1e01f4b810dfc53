import { CodedError } from '@refurb/contracts';

export const PartnerKeysErrorCode = {
  INVALID_PARTNER_ID: 'PARTNER.INVALID_ID',
  INVALID_DISPLAY_NAME: 'PARTNER.INVALID_DISPLAY_NAME',
  INVALID_EVENT_TYPES: 'PARTNER.INVALID_EVENT_TYPES',
  INVALID_SCOPE: 'PARTNER.INVALID_SCOPE',
  PARTNER_NOT_FOUND: 'PARTNER.NOT_FOUND',
  INVALID_KEY_LABEL: 'API_KEY.INVALID_LABEL',
  KEY_NOT_FOUND: 'API_KEY.NOT_FOUND',
} as const;
export type PartnerKeysErrorCode = (typeof PartnerKeysErrorCode)[keyof typeof PartnerKeysErrorCode];

/** A refused partner or key administration command (bad input, unknown partner or key). */
export class PartnerKeysException extends CodedError<PartnerKeysErrorCode> {}
