import { CreateIssuanceSchema1764086400000 } from './1764086400000-create-issuance-schema';

/** Append-only: a landed migration is never edited, only followed by a new one. */
export const ISSUANCE_MIGRATIONS = [CreateIssuanceSchema1764086400000];
