import { Injectable } from '@nestjs/common';
import { DeviceEventType } from '@refurb/contracts';
import { DataSource } from 'typeorm';
import { Partner, PartnerApiKey, PartnerScopeLists } from './partner';
import { ValidPartnerInput } from './partner-input';

interface ScopeRow {
  allowed_event_types: DeviceEventType[];
  allowed_workshop_ids: string[];
  allowed_site_ids: string[];
  allowed_resale_channels: string[];
}

interface PartnerRow extends ScopeRow {
  id: string;
  display_name: string;
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
export interface ActiveCredential extends PartnerScopeLists {
  keyId: string;
  secretHash: string;
  partnerId: string;
}

export interface NewApiKey {
  keyId: string;
  secretHash: string;
  partnerId: string;
  label: string | null;
}

const FOREIGN_KEY_VIOLATION = '23503';
const KEY_COLUMNS = 'key_id, partner_id, label, created_at, revoked_at';
const SCOPE_COLUMNS = 'allowed_event_types, allowed_workshop_ids, allowed_site_ids, allowed_resale_channels';
const PARTNER_COLUMNS = `id, display_name, ${SCOPE_COLUMNS}, created_at, updated_at`;

function toScopeLists(row: ScopeRow): PartnerScopeLists {
  return {
    allowedEventTypes: row.allowed_event_types,
    allowedWorkshopIds: row.allowed_workshop_ids,
    allowedSiteIds: row.allowed_site_ids,
    allowedResaleChannels: row.allowed_resale_channels,
  };
}

function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    displayName: row.display_name,
    ...toScopeLists(row),
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
      `INSERT INTO gateway.partners AS p (id, display_name, ${SCOPE_COLUMNS})
       VALUES ($1, $2, $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (id) DO UPDATE
         SET display_name = EXCLUDED.display_name,
             allowed_event_types = EXCLUDED.allowed_event_types,
             allowed_workshop_ids = EXCLUDED.allowed_workshop_ids,
             allowed_site_ids = EXCLUDED.allowed_site_ids,
             allowed_resale_channels = EXCLUDED.allowed_resale_channels,
             updated_at = now()
       RETURNING ${PARTNER_COLUMNS}`,
      [
        partner.id,
        partner.displayName,
        partner.allowedEventTypes,
        partner.allowedWorkshopIds,
        partner.allowedSiteIds,
        partner.allowedResaleChannels,
      ],
    );
    return toPartner(rows[0]);
  }

  async findPartner(partnerId: string): Promise<Partner | undefined> {
    const rows: PartnerRow[] = await this.dataSource.query(
      `SELECT ${PARTNER_COLUMNS} FROM gateway.partners WHERE id = $1`,
      [partnerId],
    );
    return rows.length > 0 ? toPartner(rows[0]) : undefined;
  }

  async listPartners(): Promise<Partner[]> {
    const rows: PartnerRow[] = await this.dataSource.query(
      `SELECT ${PARTNER_COLUMNS} FROM gateway.partners ORDER BY id`,
    );
    return rows.map(toPartner);
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

  /**
   * The unrevoked key with this id and its partner's permissions; one indexed read per request, never
   * cached, so a changed scope applies from the next request.
   */
  async findActiveCredential(keyId: string): Promise<ActiveCredential | undefined> {
    const rows: (ScopeRow & { key_id: string; secret_hash: string; partner_id: string })[] =
      await this.dataSource.query(
        `SELECT k.key_id, k.secret_hash, k.partner_id,
                p.allowed_event_types, p.allowed_workshop_ids, p.allowed_site_ids, p.allowed_resale_channels
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
      ...toScopeLists(row),
    };
  }
}
