import { Injectable } from '@nestjs/common';
import { DeviceEventType } from '@refurb/contracts';
import { DataSource } from 'typeorm';
import { Partner, PartnerApiKey } from './partner';
import { ValidPartnerInput } from './partner-input';

interface PartnerRow {
  id: string;
  display_name: string;
  allowed_event_types: DeviceEventType[];
  created_at: Date;
  updated_at: Date;
}

interface KeyRow {
  key_id: string;
  partner_id: string;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

/** What the gateway needs to check a presented key: its hash and its partner's permissions. */
export interface ActiveCredential {
  keyId: string;
  secretHash: string;
  partnerId: string;
  allowedEventTypes: DeviceEventType[];
}

export interface NewApiKey {
  keyId: string;
  secretHash: string;
  partnerId: string;
  label: string | null;
}

const FOREIGN_KEY_VIOLATION = '23503';
const KEY_COLUMNS = 'key_id, partner_id, label, created_at, revoked_at';

function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    displayName: row.display_name,
    allowedEventTypes: row.allowed_event_types,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toKey(row: KeyRow): PartnerApiKey {
  return {
    keyId: row.key_id,
    partnerId: row.partner_id,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** gateway.partners and gateway.partner_api_keys. Secrets are stored as hashes only. */
@Injectable()
export class PartnerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertPartner(partner: ValidPartnerInput): Promise<Partner> {
    const rows: PartnerRow[] = await this.dataSource.query(
      `INSERT INTO gateway.partners AS p (id, display_name, allowed_event_types)
       VALUES ($1, $2, $3::text[])
       ON CONFLICT (id) DO UPDATE
         SET display_name = EXCLUDED.display_name,
             allowed_event_types = EXCLUDED.allowed_event_types,
             updated_at = now()
       RETURNING id, display_name, allowed_event_types, created_at, updated_at`,
      [partner.id, partner.displayName, partner.allowedEventTypes],
    );
    return toPartner(rows[0]);
  }

  async findPartner(partnerId: string): Promise<Partner | undefined> {
    const rows: PartnerRow[] = await this.dataSource.query(
      `SELECT id, display_name, allowed_event_types, created_at, updated_at
         FROM gateway.partners WHERE id = $1`,
      [partnerId],
    );
    return rows.length > 0 ? toPartner(rows[0]) : undefined;
  }

  /** Undefined when the partner does not exist. */
  async insertKey(key: NewApiKey): Promise<PartnerApiKey | undefined> {
    try {
      const rows: KeyRow[] = await this.dataSource.query(
        `INSERT INTO gateway.partner_api_keys (key_id, secret_hash, partner_id, label)
         VALUES ($1, $2, $3, $4)
         RETURNING ${KEY_COLUMNS}`,
        [key.keyId, key.secretHash, key.partnerId, key.label],
      );
      return toKey(rows[0]);
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) return undefined;
      throw error;
    }
  }

  /** Revokes the key if it is active and returns it; a revoked key keeps its first revocation time. */
  async revokeKey(keyId: string): Promise<PartnerApiKey | undefined> {
    // Wrapped in a CTE because TypeORM answers a bare UPDATE with [rows, count] instead of rows.
    const rows: KeyRow[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE gateway.partner_api_keys SET revoked_at = COALESCE(revoked_at, now())
          WHERE key_id = $1
          RETURNING ${KEY_COLUMNS})
       SELECT * FROM revoked`,
      [keyId],
    );
    return rows.length > 0 ? toKey(rows[0]) : undefined;
  }

  async listKeys(partnerId?: string): Promise<PartnerApiKey[]> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT ${KEY_COLUMNS} FROM gateway.partner_api_keys
        WHERE $1::text IS NULL OR partner_id = $1
        ORDER BY partner_id, created_at, key_id`,
      [partnerId ?? null],
    );
    return rows.map(toKey);
  }

  /** The unrevoked key with this id and its partner's permissions; one indexed read per request. */
  async findActiveCredential(keyId: string): Promise<ActiveCredential | undefined> {
    const rows: {
      key_id: string;
      secret_hash: string;
      partner_id: string;
      allowed_event_types: DeviceEventType[];
    }[] = await this.dataSource.query(
      `SELECT k.key_id, k.secret_hash, k.partner_id, p.allowed_event_types
         FROM gateway.partner_api_keys k
         JOIN gateway.partners p ON p.id = k.partner_id
        WHERE k.key_id = $1 AND k.revoked_at IS NULL`,
      [keyId],
    );
    if (rows.length === 0) return undefined;
    const [row] = rows;
    return {
      keyId: row.key_id,
      secretHash: row.secret_hash,
      partnerId: row.partner_id,
      allowedEventTypes: row.allowed_event_types,
    };
  }
}
