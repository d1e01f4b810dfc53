import { CreateIssuanceSchema1764086400000 } from './1764086400000-create-issuance-schema';
import { CreateBatchesAndLines1764172800000 } from './1764172800000-create-batches-and-lines';
import { ParkUnproducibleOutboxRows1764345600000 } from './1764345600000-park-unproducible-outbox-rows';
import { DisjointSerials1764432000000 } from './1764432000000-disjoint-serials';
import { CreateBatchHistory1764691200000 } from './1764691200000-create-batch-history';
import { CreateWebhooks1764777600000 } from './1764777600000-create-webhooks';
import { CreateConsoleSessions1764950400000 } from './1764950400000-create-console-sessions';
import { AddEvidenceSha2561765036800000 } from './1765036800000-add-evidence-sha256';

/** Append-only: a landed migration is never edited, only followed by a new one. */
export const ISSUANCE_MIGRATIONS = [
  CreateIssuanceSchema1764086400000,
  CreateBatchesAndLines1764172800000,
  ParkUnproducibleOutboxRows1764345600000,
  DisjointSerials1764432000000,
  CreateBatchHistory1764691200000,
  CreateWebhooks1764777600000,
  CreateConsoleSessions1764950400000,
  AddEvidenceSha2561765036800000,
];
