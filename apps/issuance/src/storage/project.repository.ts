import { Injectable } from '@nestjs/common';
import { DEFAULT_DISCOUNT_BP } from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { sqlInteger } from './sql-integer';

export interface Project {
  id: string;
  company: string;
  country: string;
  discountBp: number;
  lastSerial: number;
}

export interface ProjectChanges {
  id: string;
  company: string;
  country: string;
  /** Absent keeps the current discount (DEFAULT_DISCOUNT_BP for a new project). */
  discountBp?: number;
}

interface ProjectRow {
  id: string;
  company: string;
  country: string;
  discount_bp: number;
  last_serial: string;
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    company: row.company,
    country: row.country,
    discountBp: row.discount_bp,
    lastSerial: sqlInteger(row.last_serial),
  };
}

/** issuance.projects: one credit project per company and country, and its serial counter. */
@Injectable()
export class ProjectRepository {
  /**
   * Locks the project row for a close: closes of one project run one after another, so each reads the
   * serial counter and the head of the carry chain the previous one left. NO KEY UPDATE rather than
   * UPDATE because the close changes no key: consumers opening batches of the project (which take KEY
   * SHARE through the foreign key) need not wait for it.
   */
  async lockForClose(manager: EntityManager, id: string): Promise<Project | undefined> {
    const rows: ProjectRow[] = await manager.query(
      `SELECT id, company, country, discount_bp, last_serial FROM issuance.projects WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    return rows[0] && toProject(rows[0]);
  }

  async setLastSerial(manager: EntityManager, id: string, lastSerial: number): Promise<void> {
    await manager.query(
      `UPDATE issuance.projects SET last_serial = $2, updated_at = now() WHERE id = $1 AND last_serial < $2`,
      [id, lastSerial],
    );
  }

  async find(manager: EntityManager, id: string): Promise<Project | undefined> {
    const rows: ProjectRow[] = await manager.query(
      `SELECT id, company, country, discount_bp, last_serial FROM issuance.projects WHERE id = $1`,
      [id],
    );
    return rows[0] && toProject(rows[0]);
  }

  async list(manager: EntityManager): Promise<Project[]> {
    const rows: ProjectRow[] = await manager.query(
      `SELECT id, company, country, discount_bp, last_serial FROM issuance.projects ORDER BY id`,
    );
    return rows.map(toProject);
  }

  async upsert(manager: EntityManager, changes: ProjectChanges): Promise<Project> {
    // The default is inlined, not bound: an untyped parameter beside $4 in coalesce() would make both text.
    const rows: ProjectRow[] = await manager.query(
      `INSERT INTO issuance.projects (id, company, country, discount_bp) VALUES ($1, $2, $3, coalesce($4, ${DEFAULT_DISCOUNT_BP}))
       ON CONFLICT (id) DO UPDATE SET
         company = EXCLUDED.company, country = EXCLUDED.country,
         discount_bp = coalesce($4, issuance.projects.discount_bp), updated_at = now()
       RETURNING id, company, country, discount_bp, last_serial`,
      [changes.id, changes.company, changes.country, changes.discountBp ?? null],
    );
    return toProject(rows[0]);
  }
}
