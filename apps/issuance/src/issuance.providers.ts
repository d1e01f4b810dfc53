import { Provider, Type } from '@nestjs/common';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyRepository } from './auth/api-key.repository';
import { ManageApiKeysHandler } from './auth/manage-api-keys.handler';
import { BatchEventsService } from './batches/batch-events.service';
import { BatchQueriesService } from './batches/batch-queries.service';
import { BatchRepository } from './batches/batch.repository';
import { BatchesController } from './batches/batches.controller';
import { CloseBatchHandler } from './batches/close-batch.handler';
import { IssueBatchHandler } from './batches/issue-batch.handler';
import { VerifyBatchHandler } from './batches/verify-batch.handler';
import { CreditLineRepository } from './credit-lines/credit-line.repository';
import { LinePlacementService } from './credit-lines/line-placement.service';
import { PlaceCreditLinesHandler } from './credit-lines/place-credit-lines.handler';
import { PlacePendingHandler } from './credit-lines/place-pending.handler';
import { UnplacedController } from './credit-lines/unplaced.controller';
import { ExportEvidenceCsvHandler } from './evidence/export-evidence-csv.handler';
import { FactorSetRepository } from './evidence/factor-set.repository';
import { RecomputeBatchHandler } from './evidence/recompute-batch.handler';
import { ProjectRepository } from './projects/project.repository';
import { ProjectsController } from './projects/projects.controller';
import { SeedLocalHandler } from './projects/seed-local.handler';
import { UpsertProjectHandler } from './projects/upsert-project.handler';
import { UpsertWorkshopHandler } from './projects/upsert-workshop.handler';
import { WorkshopRepository } from './projects/workshop.repository';
import { WorkshopsController } from './projects/workshops.controller';

/** Where issuance.outbox lives; its rows are produced by the service's relay. */
export const ISSUANCE_OUTBOX_TABLE = 'issuance.outbox';

/** Repositories and use cases, shared by the service and the operators' CLI (which needs an OutboxWriter). */
export const ISSUANCE_PROVIDERS: Provider[] = [
  ApiKeyRepository,
  BatchRepository,
  CreditLineRepository,
  FactorSetRepository,
  ProjectRepository,
  WorkshopRepository,
  BatchEventsService,
  BatchQueriesService,
  LinePlacementService,
  CloseBatchHandler,
  VerifyBatchHandler,
  IssueBatchHandler,
  PlaceCreditLinesHandler,
  PlacePendingHandler,
  ExportEvidenceCsvHandler,
  RecomputeBatchHandler,
  UpsertProjectHandler,
  UpsertWorkshopHandler,
  SeedLocalHandler,
  ManageApiKeysHandler,
  ApiKeyGuard,
];

export const ISSUANCE_HTTP_CONTROLLERS: Type[] = [
  BatchesController,
  ProjectsController,
  WorkshopsController,
  UnplacedController,
];
