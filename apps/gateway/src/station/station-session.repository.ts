import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredStationSession {
  partnerId: string;
  keyId: string;
  workshopId: string;
  expiresAt: Date;
}

/** gateway.station_sessions, by the SHA-256 of the token (the token itself is only in the cookie). */
@Injectable()
export class StationSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tokenHash: string, session: StoredStationSession): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO gateway.station_sessions (token_hash, partner_id, key_id, workshop_id, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [tokenHash, session.partnerId, session.keyId, session.workshopId, session.expiresAt],
    );
  }

  async find(tokenHash: string): Promise<StoredStationSession | undefined> {
    const rows: { partner_id: string; key_id: string; workshop_id: string; expires_at: Date }[] =
      await this.dataSource.query(
        `SELECT partner_id, key_id, workshop_id, expires_at FROM gateway.station_sessions WHERE token_hash = $1`,
        [tokenHash],
      );
    const [row] = rows;
    return (
      row && {
        partnerId: row.partner_id,
        keyId: row.key_id,
        workshopId: row.workshop_id,
        expiresAt: new Date(row.expires_at),
      }
    );
  }

  /** Sessions that expired before `before`, which nobody met again: run at each sign-in. */
  async deleteExpired(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM gateway.station_sessions WHERE expires_at < $1`, [before]);
  }

  /** Sign-out, and expired sessions met on a request: sessions are never extended, only ended. */
  async delete(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM gateway.station_sessions WHERE token_hash = $1`, [tokenHash]);
  }
}
