import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { evidenceCsvRow, evidenceSampleCsvPreamble } from '@refurb/issuance';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { PageQueryDto } from '../page-query.dto';
import { SampleQueryDto } from './sample-query.dto';
import { BatchLinesPage, BatchSample, LineEvidence, VerifierLinesQuery } from './verifier-lines.query';

const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');

/** The verifier workspace: a batch's lines, a reproducible sample of them, one line's evidence. */
@IssuanceApi()
@Controller('v1/batches')
export class BatchLinesController {
  constructor(private readonly query: VerifierLinesQuery) {}

  @Get(':id/lines')
  @ApiOperation({
    summary: "A page of the batch's lines, in the evidence CSV's order (change id), with the total",
  })
  @Roles('finance', 'verifier')
  lines(@Param('id') id: string, @Query() page: PageQueryDto): Promise<BatchLinesPage> {
    return this.query.page(id, page.limit, page.offset);
  }

  @Get(':id/sample')
  @ApiOperation({
    summary:
      'A reproducible sample: lines keyed by sha256(seed + "\\n" + changeId), stratified by kind ' +
      '(proportional, largest remainder); as evidence-CSV rows with ?format=csv',
  })
  @ApiQuery({ name: 'seed', required: true, description: '1-64 characters of A-Z a-z 0-9 . _ -' })
  @ApiQuery({ name: 'size', required: true, description: '1 to 1000 lines' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @Roles('finance', 'verifier')
  async sample(
    @Param('id') id: string,
    @Query() query: SampleQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Omit<BatchSample, 'evidenceLines'> | string> {
    const { evidenceLines, ...sample } = await this.query.sample(id, query.seed, query.size);
    if (query.format !== 'csv') return sample;
    response.type('text/csv; charset=utf-8');
    response.attachment(`${fileSafe(id)}-sample-${fileSafe(query.seed)}-${query.size}.csv`);
    return evidenceSampleCsvPreamble(sample) + evidenceLines.map(evidenceCsvRow).join('');
  }

  /** The change id is one path segment: its slashes are sent encoded (%2F). */
  @Get(':id/lines/:changeId/evidence')
  @ApiOperation({
    summary:
      'One line with its evidence as stored, the events it names as the tracker stores them, and the ids the tracker did not return',
  })
  @Roles('finance', 'verifier')
  evidence(@Param('id') id: string, @Param('changeId') changeId: string): Promise<LineEvidence> {
    return this.query.evidence(id, changeId);
  }
}
