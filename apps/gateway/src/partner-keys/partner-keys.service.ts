import { Injectable } from '@nestjs/common';
import { issueApiKey } from '@refurb/auth';
import { CreatedApiKey, Partner, PartnerApiKey } from './partner';
import { checkPartnerId, checkPartnerInput, checkText, PartnerInput } from './partner-input';
import { PartnerKeysErrorCode, PartnerKeysException } from './partner-keys.exception';
import { PartnerRepository } from './partner.repository';
import { DEMO_PARTNERS, SEED_KEY_LABEL } from './demo-partners';

export interface SeededPartner {
  partner: Partner;
  key: CreatedApiKey;
}

/**
 * Administration of partners and their API keys (reached from the CLI, and by the demo directly).
 * A key's plaintext is returned once, by createKey, and never stored.
 */
@Injectable()
export class PartnerKeysService {
  constructor(private readonly partners: PartnerRepository) {}

  /**
   * Creates the partner or replaces its display name, allowed types and scopes. Keys are checked
   * against the stored partner on every request, so the change applies from its next request.
   */
  async upsertPartner(input: PartnerInput): Promise<Partner> {
    return this.partners.upsertPartner(checkPartnerInput(input));
  }

  async listPartners(): Promise<Partner[]> {
    return this.partners.listPartners();
  }

  async createKey(partnerId: string, label?: string): Promise<CreatedApiKey> {
    const issued = issueApiKey();
    const stored = await this.partners.insertKey({
      keyId: issued.keyId,
      secretHash: issued.secretHash,
      partnerId: checkPartnerId(partnerId),
      label: label === undefined ? null : checkText(label, 'label', PartnerKeysErrorCode.INVALID_KEY_LABEL),
    });
    if (!stored) throw partnerNotFound(partnerId);
    return { ...stored, apiKey: issued.apiKey };
  }

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async revokeKey(keyId: string): Promise<PartnerApiKey> {
    const revoked = await this.partners.revokeKey(keyId);
    if (!revoked) {
      throw new PartnerKeysException(
        PartnerKeysErrorCode.KEY_NOT_FOUND,
        `no API key with id ${JSON.stringify(keyId)}`,
      );
    }
    return revoked;
  }

  async listKeys(partnerId?: string): Promise<PartnerApiKey[]> {
    if (partnerId !== undefined && !(await this.partners.findPartner(checkPartnerId(partnerId)))) {
      throw partnerNotFound(partnerId);
    }
    return this.partners.listKeys(partnerId);
  }

  /**
   * Ensures the demo partners exist with their demo permissions and issues a fresh key for each:
   * stored keys cannot be shown again, so every run prints new ones (earlier keys stay valid).
   */
  async seedDemoPartners(): Promise<SeededPartner[]> {
    const seeded: SeededPartner[] = [];
    for (const input of DEMO_PARTNERS) {
      const partner = await this.upsertPartner(input);
      seeded.push({ partner, key: await this.createKey(partner.id, SEED_KEY_LABEL) });
    }
    return seeded;
  }
}

function partnerNotFound(partnerId: string): PartnerKeysException {
  return new PartnerKeysException(
    PartnerKeysErrorCode.PARTNER_NOT_FOUND,
    `no partner with id ${JSON.stringify(partnerId)}; create it with partner-upsert first`,
  );
}
