import { Injectable } from '@nestjs/common';
import {
  batchLineEvidenceView,
  BatchLineEvidenceView,
  batchLineView,
  BatchLineView,
  drawEvidenceSample,
  EvidenceLine,
  eventIdsOf,
  SampleStratum,
} from '@refurb/issuance';
import { DataSource, EntityManager } from 'typeorm';
import { BatchEvidenceLines } from '../evidence/batch-evidence-lines.query';
import { IssuanceException } from '../issuance.exception';
import { BatchRepository } from '../storage/batch.repository';
import { TrackerDeviceEvents, TrackerStoredEvent } from './tracker-device-events';

export interface BatchLinesPage {
  lines: BatchLineView[];
  /** Lines in the batch. */
  total: number;
}

export interface BatchSample {
  batchId: string;
  seed: string;
  size: number;
  strata: SampleStratum[];
  lines: BatchLineView[];
  /** The drawn lines with their evidence, for the CSV (not part of the JSON answer). */
  evidenceLines: EvidenceLine[];
}

export interface LineEvidenceEvent {
  eventId: string;
  type: string;
  time: string;
  /** The event as the tracker returns it. */
  payload: TrackerStoredEvent;
}

export interface LineEvidence {
  line: BatchLineEvidenceView;
  /** The events the line names that the tracker returned, in the order the line names them. */
  events: LineEvidenceEvent[];
  /** Event ids the line names that the tracker did not return. */
  missing: string[];
}

/** The verifier workspace's reads of a batch's lines: a page, a reproducible sample, one line's evidence. */
@Injectable()
export class VerifierLinesQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly lines: BatchEvidenceLines,
    private readonly tracker: TrackerDeviceEvents,
  ) {}

  page(batchId: string, limit: number, offset: number): Promise<BatchLinesPage> {
    return this.readOnly(async (manager) => {
      await this.assertBatch(manager, batchId);
      const page = await this.lines.page(manager, batchId, limit, offset);
      return { lines: page.lines.map(batchLineView), total: page.total };
    });
  }

  sample(batchId: string, seed: string, size: number): Promise<BatchSample> {
    return this.readOnly(async (manager) => {
      await this.assertBatch(manager, batchId);
      const drawn = drawEvidenceSample(seed, size, await this.lines.candidates(manager, batchId));
      const evidenceLines = await this.lines.byChangeIds(
        manager,
        batchId,
        drawn.lines.map((line) => line.changeId),
      );
      return {
        batchId,
        seed,
        size,
        strata: drawn.strata,
        lines: evidenceLines.map(batchLineView),
        evidenceLines,
      };
    });
  }

  async evidence(batchId: string, changeId: string): Promise<LineEvidence> {
    const line = await this.readOnly(async (manager) => {
      await this.assertBatch(manager, batchId);
      const [found] = await this.lines.byChangeIds(manager, batchId, [changeId]);
      if (!found) {
        throw new IssuanceException('ISSUANCE.LINE_NOT_FOUND', `no line ${changeId} in batch ${batchId}`);
      }
      return batchLineEvidenceView(found);
    });
    // Read after the transaction: no connection is held while the tracker answers.
    const stored = new Map((await this.tracker.of(line.deviceId)).map((event) => [event.eventId, event]));
    const named = eventIdsOf(line);
    return {
      line,
      events: named.flatMap((eventId) => {
        const payload = stored.get(eventId);
        return payload ? [{ eventId, type: payload.type, time: payload.time, payload }] : [];
      }),
      missing: named.filter((eventId) => !stored.has(eventId)),
    };
  }

  private async assertBatch(manager: EntityManager, batchId: string): Promise<void> {
    if (!(await this.batches.find(manager, batchId))) {
      throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
    }
  }

  /** One snapshot per answer: an open batch's count and page, or sample and lines, agree. */
  private readOnly<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });
  }
}
