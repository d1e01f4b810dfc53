import { Injectable } from '@nestjs/common';
import { PartnerScope } from '@refurb/contracts';
import { EntityManager } from 'typeorm';
import { REGISTERED_SOURCES_TTL_MS, scopeOf } from '../kafka-sources/kafka-source';
import { KafkaSourceRepository } from '../kafka-sources/kafka-source.repository';

/**
 * The active Kafka-native sources, read again at most every REGISTERED_SOURCES_TTL_MS: checking a
 * sender is then a map lookup, and `npm run tracker:sources` reaches every instance within seconds.
 */
@Injectable()
export class RegisteredSources {
  private loaded?: { atMs: number; scopes: ReadonlyMap<string, PartnerScope> };

  constructor(private readonly repository: KafkaSourceRepository) {}

  async current(manager: EntityManager, nowMs = Date.now()): Promise<ReadonlyMap<string, PartnerScope>> {
    if (this.loaded && nowMs - this.loaded.atMs < REGISTERED_SOURCES_TTL_MS) return this.loaded.scopes;
    const sources = await this.repository.active(manager);
    const scopes = new Map(sources.map((source) => [source.source, scopeOf(source)]));
    this.loaded = { atMs: nowMs, scopes };
    return scopes;
  }
}
