import { Provider, Type } from '@nestjs/common';
import { ApiKeyRepository } from './auth/api-key.repository';
import { ManageApiKeysHandler } from './auth/manage-api-keys.handler';
import { BatchHistoryRepository } from './batch-history/batch-history.repository';
import { BatchEventsService } from './batches/batch-events.service';
import { ClosePreviewQuery } from './batches/close-preview.query';
import { BatchQueriesService } from './batches/batch-queries.service';
import { BatchRepository } from './storage/batch.repository';
import { BatchesController } from './batches/batches.controller';
import { ProjectSummaryController } from './batches/project-summary.controller';
import { CloseBatchHandler } from './batches/close-batch.handler';
import { IssueBatchHandler } from './batches/issue-batch.handler';
import { VerifyBatchHandler } from './batches/verify-batch.handler';
import { CreditLineRepository } from './storage/credit-line.repository';
import { LinePlacementService } from './place-credit-lines/line-placement.service';
import { PlacePendingHandler } from './place-credit-lines/place-pending.handler';
import { UnplacedController } from './unplaced-lines/unplaced.controller';
import { UnplacedLinesQuery } from './unplaced-lines/unplaced-lines.query';
import { BatchEvidenceLines } from './evidence/batch-evidence-lines.query';
import { EvidenceCsvChunks } from './evidence/evidence-csv-chunks';
import { ExportEvidenceCsvHandler } from './evidence/export-evidence-csv.handler';
import { FactorSetRepository } from './storage/factor-set.repository';
import { RecomputeBatchHandler } from './evidence/recompute-batch.handler';
import { ProjectRepository } from './storage/project.repository';
import { RegistryExportController } from './registry-export/registry-export.controller';
import { RegistryUnitsQuery } from './registry-export/registry-units.query';
import { ProjectsController } from './projects/projects.controller';
import { SeedLocalHandler } from './projects/seed-local.handler';
import { UpsertProjectHandler } from './projects/upsert-project.handler';
import { UpsertWorkshopHandler } from './projects/upsert-workshop.handler';
import { WorkshopRepository } from './storage/workshop.repository';
import { WorkshopsController } from './projects/workshops.controller';
import { WebhookDeliveryRepository } from './webhooks/webhook-delivery.repository';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Where issuance.outbox lives; its rows are produced by the service's relay. */
export const ISSUANCE_OUTBOX_TABLE = 'issuance.outbox';

/** Repositories and use cases, shared by the service and the operators' CLI (which needs an OutboxWriter). */
export const ISSUANCE_PROVIDERS: Provider[] = [
  ApiKeyRepository,
  BatchRepository,
  BatchHistoryRepository,
  CreditLineRepository,
  BatchEvidenceLines,
  UnplacedLinesQuery,
  FactorSetRepository,
  ProjectRepository,
  WorkshopRepository,
  BatchEventsService,
  BatchQueriesService,
  LinePlacementService,
  CloseBatchHandler,
  ClosePreviewQuery,
  RegistryUnitsQuery,
  VerifyBatchHandler,
  IssueBatchHandler,
  PlacePendingHandler,
  EvidenceCsvChunks,
  ExportEvidenceCsvHandler,
  RecomputeBatchHandler,
  UpsertProjectHandler,
  UpsertWorkshopHandler,
  SeedLocalHandler,
  ManageApiKeysHandler,
  WebhookDeliveryRepository,
];

export const ISSUANCE_HTTP_CONTROLLERS: Type[] = [
  BatchesController,
  RegistryExportController,
  ProjectSummaryController,
  ProjectsController,
  WorkshopsController,
  UnplacedController,
  WebhooksController,
];
