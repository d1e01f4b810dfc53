import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredConsoleSession {
  keyId: string;
  expiresAt: Date;
}

/** issuance.console_sessions, by the SHA-256 of the token. */
@Injectable()
export class ConsoleSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tokenHash: string, session: StoredConsoleSession): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO issuance.console_sessions (token_hash, key_id, expires_at) VALUES ($1, $2, $3)`,
      [tokenHash, session.keyId, session.expiresAt],
    );
  }

  async find(tokenHash: string): Promise<StoredConsoleSession | undefined> {
    const rows: { key_id: string; expires_at: Date }[] = await this.dataSource.query(
      `SELECT key_id, expires_at FROM issuance.console_sessions WHERE token_hash = $1`,
      [tokenHash],
    );
    const [row] = rows;
    return row && { keyId: row.key_id, expiresAt: new Date(row.expires_at) };
  }

  /** Sessions that expired before `before`: run at each sign-in. */
  async deleteExpired(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM issuance.console_sessions WHERE expires_at < $1`, [before]);
  }

  /** Sign-out, and sessions found expired or revoked: sessions are never extended, only ended. */
  async delete(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM issuance.console_sessions WHERE token_hash = $1`, [tokenHash]);
  }
}
