import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { ApiKeyRepository } from './api-key.repository';
import { ApiRole } from './api-role';

/** Operators' key management (CLI only: the first admin key cannot come from the API it protects). */
@Injectable()
export class ManageApiKeysHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
  ) {}

  /** The key is returned once and never stored in clear. */
  create(role: ApiRole, label = ''): Promise<{ keyId: string; apiKey: string; role: ApiRole }> {
    return this.keys.create(this.dataSource.manager, role, label).then((key) => ({ ...key, role }));
  }

  async revoke(keyId: string): Promise<void> {
    if (!(await this.keys.revoke(this.dataSource.manager, keyId))) {
      throw new IssuanceException('ISSUANCE.API_KEY_NOT_FOUND', `no active API key ${keyId}`);
    }
  }
}
