import { Injectable } from '@nestjs/common';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { KafkaProducerService, UNDECODABLE_BATCH_CODE } from '@refurb/kafka';
import { Message } from 'kafkajs';
import { DeadLetterReader, ReadOptions } from './dead-letter.reader';
import { deadLetterAddress, DeadLetterRecord } from './dead-letter-record';
import { RedriveCriteria, selectsDeadLetter } from './redrive-criteria';
import { redriveMessageOf } from './redrive-message';

export interface RedrivenLetter {
  /** `<partition>:<offset>` in the dead-letter topic. */
  from: string;
  reasonCode?: string;
  eventSource?: string;
  eventId?: string;
  topic: string;
}

export interface RedriveSummary {
  /** Dead letters read (the whole topic up to where it ended when the run began). */
  scanned: number;
  /** Matching the criteria, superseded ones excluded, within the limit. */
  selected: number;
  /** Matching, but redriven before and dead-lettered again: the newer dead letter stands for them. */
  superseded: number;
  /** Matching, but naming no input topic to go back to (never published anywhere else). */
  skipped: number;
  /** Published back to their source topics (0 in a dry run). */
  redriven: number;
  dryRun: boolean;
  letters: RedrivenLetter[];
}

const INPUT: ReadonlySet<string> = new Set(INPUT_TOPICS);

/**
 * Puts chosen dead letters back on their source topic once the cause is fixed, so the tracker processes
 * them again: accepted now, or dead-lettered anew. A redrive that failed again supersedes its older dead
 * letter, so repeating a redrive retries each message once, from its newest dead letter; a message whose
 * redrive succeeded is published again as an exact duplicate, which the tracker acknowledges and ignores.
 */
@Injectable()
export class RedriveDeadLettersHandler {
  constructor(
    private readonly reader: DeadLetterReader,
    private readonly producer: KafkaProducerService,
  ) {}

  async redrive(criteria: RedriveCriteria, readOptions: ReadOptions = {}): Promise<RedriveSummary> {
    const matching: DeadLetterRecord[] = [];
    const retried = new Set<string>();
    const scanned = await this.reader.readAll(
      TOPICS.deadLetter,
      (record) => {
        if (record.redrivenFrom !== undefined) retried.add(record.redrivenFrom);
        if (selectsDeadLetter(record, criteria)) matching.push(record);
      },
      readOptions,
    );
    const current = matching.filter((record) => !retried.has(deadLetterAddress(record)));
    // An undecodable batch's letter holds compressed records, not a message: there is nothing to republish.
    const routable = current.filter(
      (record) =>
        record.sourceTopic !== undefined &&
        INPUT.has(record.sourceTopic) &&
        record.reasonCode !== UNDECODABLE_BATCH_CODE,
    );
    const chosen = inDeadLetterOrder(routable).slice(0, criteria.limit ?? routable.length);
    if (!criteria.dryRun) await this.publish(chosen);
    return {
      scanned,
      selected: chosen.length,
      superseded: matching.length - current.length,
      skipped: current.length - routable.length,
      redriven: criteria.dryRun ? 0 : chosen.length,
      dryRun: criteria.dryRun,
      letters: chosen.map((record) => ({
        from: deadLetterAddress(record),
        reasonCode: record.reasonCode,
        eventSource: record.eventSource,
        eventId: record.eventId,
        topic: record.sourceTopic as string,
      })),
    };
  }

  /** One send per source topic, in dead-letter order, which keeps each device's events in order. */
  private async publish(records: readonly DeadLetterRecord[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const record of records) {
      const topic = record.sourceTopic as string;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), redriveMessageOf(record)]);
    }
    if (byTopic.size > 0) {
      await this.producer.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    }
  }
}

function inDeadLetterOrder(records: readonly DeadLetterRecord[]): DeadLetterRecord[] {
  return [...records].sort((a, b) =>
    a.partition !== b.partition ? a.partition - b.partition : Number(BigInt(a.offset) - BigInt(b.offset)),
  );
}
