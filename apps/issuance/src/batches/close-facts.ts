import { CloseFacts } from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { BatchRow } from '../storage/batch-row';
import { BatchRepository } from '../storage/batch.repository';
import { Project } from '../storage/project.repository';

/**
 * What closing `batch` would read, in the caller's transaction: the close reads it under its locks, the
 * preview without them (so a preview is exact unless another close of the project lands in between).
 */
export async function readCloseFacts(
  manager: EntityManager,
  batches: BatchRepository,
  batch: BatchRow,
  project: Project,
): Promise<CloseFacts> {
  const lines = (await batches.lineFigures(manager, [batch.id])).get(batch.id) ?? { lineCount: 0, grossG: 0 };
  return {
    projectId: project.id,
    vintage: batch.vintage,
    lineCount: lines.lineCount,
    grossG: lines.grossG,
    discountBp: project.discountBp,
    previous: (await batches.lastClosedOf(manager, project.id)) ?? null,
    lastSerial: project.lastSerial,
  };
}
