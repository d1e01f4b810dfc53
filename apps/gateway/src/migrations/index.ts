import { CreateGatewaySchema1764086400000 } from './1764086400000-create-gateway-schema';
import { CreatePartnersAndApiKeys1764172800000 } from './1764172800000-create-partners-and-api-keys';
import { AddPartnerScopes1764604800000 } from './1764604800000-add-partner-scopes';
import { CreateStationSessions1764777600000 } from './1764777600000-create-station-sessions';

/** Append-only: a landed migration is never edited, only followed by a new one. */
export const GATEWAY_MIGRATIONS = [
  CreateGatewaySchema1764086400000,
  CreatePartnersAndApiKeys1764172800000,
  AddPartnerScopes1764604800000,
  CreateStationSessions1764777600000,
];
