import { Injectable } from '@nestjs/common';
import { issueApiKey, StoredRoleKey } from '@refurb/auth';
import { DataSource } from 'typeorm';
import { TrackerRole } from './tracker-role';

export interface StoredTrackerKey extends StoredRoleKey<TrackerRole> {
  /** Set exactly for workshop keys: the workshop whose devices the key may read. */
  workshopId?: string;
}

export interface CreatedTrackerKey {
  keyId: string;
  apiKey: string;
  role: TrackerRole;
  workshopId?: string;
}

/** tracker.api_keys: only the SHA-256 of each secret is stored (libs/auth explains why that suffices). */
@Injectable()
export class TrackerKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(role: TrackerRole, workshopId: string | undefined, label: string): Promise<CreatedTrackerKey> {
    const { keyId, apiKey, secretHash } = issueApiKey();
    await this.dataSource.query(
      `INSERT INTO tracker.api_keys (key_id, role, workshop_id, secret_hash, label) VALUES ($1, $2, $3, $4, $5)`,
      [keyId, role, workshopId ?? null, secretHash, label],
    );
    return { keyId, apiKey, role, ...(workshopId === undefined ? {} : { workshopId }) };
  }

  async find(keyId: string): Promise<StoredTrackerKey | undefined> {
    const rows: {
      key_id: string;
      role: TrackerRole;
      workshop_id: string | null;
      secret_hash: string;
      revoked: boolean;
    }[] = await this.dataSource.query(
      `SELECT key_id, role, workshop_id, secret_hash, revoked_at IS NOT NULL AS revoked
       FROM tracker.api_keys WHERE key_id = $1`,
      [keyId],
    );
    const [row] = rows;
    return (
      row && {
        keyId: row.key_id,
        role: row.role,
        secretHash: row.secret_hash,
        revoked: row.revoked,
        ...(row.workshop_id === null ? {} : { workshopId: row.workshop_id }),
      }
    );
  }

  /** True if the key existed and was active. */
  async revoke(keyId: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE tracker.api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL`,
      [keyId],
    );
    return count === 1;
  }
}
