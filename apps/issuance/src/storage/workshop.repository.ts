import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface Workshop {
  id: string;
  name: string;
  projectId: string;
  /** When the workshop joined its current project. */
  validFrom: string;
}

export interface WorkshopChanges {
  id: string;
  name: string;
  projectId: string;
  /** Defaults to now for a new workshop or a move; ignored if the project does not change. */
  validFrom?: Date;
}

interface WorkshopRow {
  id: string;
  name: string;
  project_id: string;
  valid_from: Date;
}

function toWorkshop(row: WorkshopRow): Workshop {
  return { id: row.id, name: row.name, projectId: row.project_id, validFrom: row.valid_from.toISOString() };
}

/**
 * issuance.workshops: the project each workshop currently credits. Only the current assignment is
 * kept: a line stores the project it was placed in, so a move changes nothing already placed.
 */
@Injectable()
export class WorkshopRepository {
  async projectsOf(manager: EntityManager, workshopIds: readonly string[]): Promise<Map<string, string>> {
    if (workshopIds.length === 0) return new Map();
    const rows: { id: string; project_id: string }[] = await manager.query(
      `SELECT id, project_id FROM issuance.workshops WHERE id = ANY($1::text[])`,
      [[...new Set(workshopIds)]],
    );
    return new Map(rows.map((row) => [row.id, row.project_id]));
  }

  async list(manager: EntityManager): Promise<Workshop[]> {
    const rows: WorkshopRow[] = await manager.query(
      `SELECT id, name, project_id, valid_from FROM issuance.workshops ORDER BY id`,
    );
    return rows.map(toWorkshop);
  }

  async upsert(manager: EntityManager, changes: WorkshopChanges): Promise<Workshop> {
    const rows: WorkshopRow[] = await manager.query(
      `INSERT INTO issuance.workshops (id, name, project_id, valid_from) VALUES ($1, $2, $3, coalesce($4, now()))
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name,
         project_id = EXCLUDED.project_id,
         valid_from = CASE WHEN issuance.workshops.project_id = EXCLUDED.project_id
                           THEN issuance.workshops.valid_from ELSE EXCLUDED.valid_from END,
         updated_at = now()
       RETURNING id, name, project_id, valid_from`,
      [changes.id, changes.name, changes.projectId, changes.validFrom ?? null],
    );
    return toWorkshop(rows[0]);
  }
}
