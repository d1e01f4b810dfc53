import { Injectable } from '@nestjs/common';
import { checkRoleKey, hashSessionToken, newSessionToken } from '@refurb/auth';
import { DataSource } from 'typeorm';
import { ApiKeyRepository, StoredApiKey } from '../auth/api-key.repository';
import { API_ROLES, ApiRole } from '../auth/api-role';
import { IssuanceEnv } from '../issuance.env';
import { IssuanceException } from '../issuance.exception';
import { ConsoleSessionRepository } from './console-session.repository';

/** What the page is told about its session: who it acts as, never the key's secret. */
export interface ConsoleSessionView {
  keyId: string;
  role: ApiRole;
  expiresAt: string;
}

export interface OpenedConsoleSession extends ConsoleSessionView {
  /** Goes into the cookie only; the database keeps its hash. */
  token: string;
}

const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * Exchanges a finance, verifier or admin key for a console session, and resolves sessions on each
 * request. The key is re-read every time, as for API keys: revoking it ends its sessions at once, and
 * the role shown is always the key's current one.
 */
@Injectable()
export class ConsoleSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly sessions: ConsoleSessionRepository,
    private readonly env: IssuanceEnv,
  ) {}

  async signIn(apiKey: unknown, now = new Date()): Promise<OpenedConsoleSession> {
    const check = await checkRoleKey(
      { authorization: typeof apiKey === 'string' ? `Bearer ${apiKey}` : undefined },
      API_ROLES,
      (keyId) => this.keys.find(this.dataSource.manager, keyId),
    );
    if (!check.ok) throw new IssuanceException(check.code, check.message);
    // Kept a day past expiry, so a page coming back after it is told it expired rather than unknown.
    await this.sessions.deleteExpired(new Date(now.getTime() - EXPIRED_KEPT_MS));
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.env.ISSUANCE_CONSOLE_SESSION_MINUTES * 60_000);
    await this.sessions.insert(hashSessionToken(token), { keyId: check.key.keyId, expiresAt });
    return { token, keyId: check.key.keyId, role: check.key.role, expiresAt: expiresAt.toISOString() };
  }

  /** The key a session acts with, or CONSOLE.NOT_SIGNED_IN / CONSOLE.SESSION_EXPIRED. */
  async resolve(
    token: string | undefined,
    now = new Date(),
  ): Promise<{ key: StoredApiKey; view: ConsoleSessionView }> {
    const stored = token === undefined ? undefined : await this.sessions.find(hashSessionToken(token));
    if (!stored || token === undefined) {
      throw new IssuanceException('CONSOLE.NOT_SIGNED_IN', 'sign in with a finance, verifier or admin key');
    }
    const key = await this.keys.find(this.dataSource.manager, stored.keyId);
    const expired = stored.expiresAt.getTime() <= now.getTime();
    if (expired || !key || key.revoked) {
      await this.sessions.delete(hashSessionToken(token));
      throw new IssuanceException(
        'CONSOLE.SESSION_EXPIRED',
        expired
          ? `the session expired at ${stored.expiresAt.toISOString()}: sign in again`
          : 'the key of this session was revoked: sign in again',
      );
    }
    return { key, view: { keyId: key.keyId, role: key.role, expiresAt: stored.expiresAt.toISOString() } };
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token !== undefined) await this.sessions.delete(hashSessionToken(token));
  }
}
