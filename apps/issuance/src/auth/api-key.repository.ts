import { Injectable } from '@nestjs/common';
import { issueApiKey } from '@refurb/auth';
import { EntityManager } from 'typeorm';
import { ApiRole } from './api-role';

export interface StoredApiKey {
  keyId: string;
  role: ApiRole;
  secretHash: string;
  revoked: boolean;
}

/** issuance.api_keys: only the SHA-256 of each secret is stored (libs/auth explains why that suffices). */
@Injectable()
export class ApiKeyRepository {
  async create(
    manager: EntityManager,
    role: ApiRole,
    label: string,
  ): Promise<{ keyId: string; apiKey: string }> {
    const { keyId, apiKey, secretHash } = issueApiKey();
    await manager.query(
      `INSERT INTO issuance.api_keys (key_id, role, secret_hash, label) VALUES ($1, $2, $3, $4)`,
      [keyId, role, secretHash, label],
    );
    return { keyId, apiKey };
  }

  async find(manager: EntityManager, keyId: string): Promise<StoredApiKey | undefined> {
    const rows: { key_id: string; role: ApiRole; secret_hash: string; revoked: boolean }[] =
      await manager.query(
        `SELECT key_id, role, secret_hash, revoked_at IS NOT NULL AS revoked FROM issuance.api_keys WHERE key_id = $1`,
        [keyId],
      );
    const [row] = rows;
    return row && { keyId: row.key_id, role: row.role, secretHash: row.secret_hash, revoked: row.revoked };
  }

  /** True if the key existed and was active. */
  async revoke(manager: EntityManager, keyId: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE issuance.api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL`,
      [keyId],
    );
    return count === 1;
  }
}
