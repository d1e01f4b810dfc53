import { CreateIssuanceSchema1764086400000 } from './1764086400000-create-issuance-schema';
import { CreateBatchesAndLines1764172800000 } from './1764172800000-create-batches-and-lines';

/** Append-only: a landed migration is never edited, only followed by a new one. */
export const ISSUANCE_MIGRATIONS = [CreateIssuanceSchema1764086400000, CreateBatchesAndLines1764172800000];
