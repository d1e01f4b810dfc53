import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { Actor } from '../batch-history/actor.decorator';
import { BatchActor } from '../batch-history/batch-actor';
import { BatchHistoryEntry } from '../batch-history/batch-history.repository';
import { ExportEvidenceCsvHandler } from '../evidence/export-evidence-csv.handler';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { BatchQueriesService, BatchView } from './batch-queries.service';
import { BatchTransitionResult } from './batch-transition-result';
import { CloseBatchHandler } from './close-batch.handler';
import { ClosePreview, ClosePreviewQuery } from './close-preview.query';
import { IssueBatchDto } from './issue-batch.dto';
import { IssueBatchHandler } from './issue-batch.handler';
import { ListBatchesQueryDto } from './list-batches-query.dto';
import { VerifyBatchDto } from './verify-batch.dto';
import { VerifyBatchHandler } from './verify-batch.handler';

/** The SHA-256 (hex) of the evidence CSV frozen at close, sent with its download. */
export const EVIDENCE_SHA256_HEADER = 'Refurb-Evidence-Sha256';

/** Batches for finance and the verifier: read, close, verify, issue, evidence. */
@IssuanceApi()
@Controller('v1/batches')
export class BatchesController {
  constructor(
    private readonly queries: BatchQueriesService,
    private readonly closeBatch: CloseBatchHandler,
    private readonly verifyBatch: VerifyBatchHandler,
    private readonly issueBatch: IssueBatchHandler,
    private readonly evidenceCsv: ExportEvidenceCsvHandler,
    private readonly closePreview: ClosePreviewQuery,
  ) {}

  /** The verifier lists batches too: its workspace starts from the closed ones it is to audit. */
  @Get()
  @Roles('finance', 'verifier')
  list(@Query() query: ListBatchesQueryDto): Promise<BatchView[]> {
    return this.queries.list({
      projectId: query.project,
      vintage: query.vintage,
      state: query.state,
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Get(':id')
  @Roles('finance', 'verifier')
  get(@Param('id') id: string): Promise<BatchView> {
    return this.queries.get(id);
  }

  /** Who closed, verified and issued the batch, and when. */
  @Get(':id/history')
  @ApiOperation({
    summary: 'The audit trail: each close, verify and issue with its actor (key:<id> or cli:<user>) and time',
  })
  @Roles('finance', 'verifier', 'admin')
  history(@Param('id') id: string): Promise<BatchHistoryEntry[]> {
    return this.queries.historyOf(id);
  }

  /** What closing the open batch now would freeze, with warnings; nothing is written. */
  @Get(':id/close-preview')
  @ApiOperation({
    summary:
      'What closing the open batch now would freeze (totals, serial block), with warnings; writes nothing',
  })
  @Roles('finance')
  previewClose(@Param('id') id: string): Promise<ClosePreview> {
    return this.closePreview.preview(id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('finance')
  close(@Param('id') id: string, @Actor() actor: BatchActor): Promise<BatchTransitionResult> {
    return this.closeBatch.close(id, actor);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('verifier')
  verify(
    @Param('id') id: string,
    @Body() body: VerifyBatchDto,
    @Actor() actor: BatchActor,
  ): Promise<BatchTransitionResult> {
    return this.verifyBatch.verify(id, body, actor);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Roles('finance')
  issue(
    @Param('id') id: string,
    @Body() body: IssueBatchDto,
    @Actor() actor: BatchActor,
  ): Promise<BatchTransitionResult> {
    return this.issueBatch.issue(id, body.registryReference, actor);
  }

  /** Sends `Refurb-Evidence-Sha256` once the batch is closed: the digest its close froze, of these bytes. */
  @Get(':id/evidence.csv')
  @ApiOperation({
    summary:
      'The evidence CSV; once closed its bytes never change and hash to evidenceSha256 (header Refurb-Evidence-Sha256)',
  })
  @Roles('finance', 'verifier')
  async evidence(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { stream, sha256 } = await this.evidenceCsv.stream(id);
    if (sha256 !== null) response.setHeader(EVIDENCE_SHA256_HEADER, sha256);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${id.replace(/[^A-Za-z0-9._-]/g, '_')}-evidence.csv"`,
    });
  }
}
