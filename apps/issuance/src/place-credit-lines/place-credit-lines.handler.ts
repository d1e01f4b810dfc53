import { Inject, Injectable } from '@nestjs/common';
import { CycleCreditData, RecordVerifier, TOPICS } from '@refurb/contracts';
import { CreditLineCode, CreditLineProblem, LineToPlace } from '@refurb/issuance';
import { ConsumedBatch, ConsumedMessage, deadLetterFor, OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { CreditLineRepository, NewCreditLine } from '../storage/credit-line.repository';
import { CREDIT_RECORD_VERIFIER } from '../issuance-keys';
import { FigureCheck } from './figure-check';
import { LinePlacementService } from './line-placement.service';
import { admitCreditRecords, AdmittedRecord, changeIdReused } from './record-admission';

export interface PlacedCreditLines {
  placed: number;
  unplaced: number;
  /** Records already stored (or repeated in the batch) with the same content: changed nothing. */
  duplicates: number;
  /** The reason code of each record dead-lettered. */
  deadLettered: CreditLineCode[];
}

function lineToPlace(data: CycleCreditData): LineToPlace {
  return {
    changeId: data.changeId,
    kind: data.kind,
    workshopId: data.evidence.workshopId,
    vintage: data.evidence.vintage,
    factorSetVersion: data.emissions.factorSetVersion,
    signedAvoidedG: data.signedAvoidedG,
    fingerprint: data.fingerprint,
    ...(data.reversesChangeId === undefined ? {} : { reversesChangeId: data.reversesChangeId }),
  };
}

/**
 * Turns one consumed batch of credit records into credit lines, set-based, inside the consumer's
 * transaction: each new change id becomes one line in the open batch of its key (or an unplaced line
 * with its reason), a re-delivered record changes nothing, and a record that cannot be a line goes to
 * the dead-letter topic through the outbox. Throws only on infrastructure faults.
 */
@Injectable()
export class PlaceCreditLinesHandler {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly lines: CreditLineRepository,
    private readonly placement: LinePlacementService,
    private readonly figures: FigureCheck,
    @Inject(CREDIT_RECORD_VERIFIER) private readonly verifier: RecordVerifier,
  ) {}

  async place(batch: ConsumedBatch, manager: EntityManager, now = new Date()): Promise<PlacedCreditLines> {
    const { admitted, refused, repeats } = admitCreditRecords(batch.messages, this.verifier);
    const storedHashes = await this.lines.contentHashesOf(
      manager,
      admitted.map(({ record }) => record.id),
    );
    const unstored: AdmittedRecord[] = [];
    const rejected: { message: ConsumedMessage; problem: CreditLineProblem }[] = [...refused];
    let alreadyStored = 0;
    for (const candidate of admitted) {
      const stored = storedHashes.get(candidate.record.id);
      if (stored === undefined) unstored.push(candidate);
      else if (stored === candidate.contentHash) alreadyStored += 1;
      else rejected.push({ message: candidate.message, problem: changeIdReused(candidate.record.id) });
    }
    // Only new content is recomputed: a stored line's figure was checked when it was stored.
    const figureProblems = await this.figures.problemsOf(
      manager,
      unstored.map(({ record }) => record.data),
    );
    const fresh: AdmittedRecord[] = [];
    for (const candidate of unstored) {
      const problem = figureProblems.get(candidate.record.id);
      if (problem) rejected.push({ message: candidate.message, problem });
      else fresh.push(candidate);
    }
    const decisions = await this.placement.decide(
      manager,
      fresh.map(({ record }) => lineToPlace(record.data)),
    );
    const newLines: NewCreditLine[] = [];
    decisions.forEach(({ planned, placement }, index) => {
      const { message, record, contentHash } = fresh[index];
      if (planned.outcome === 'refused') rejected.push({ message, problem: planned.problem });
      else if (placement) newLines.push({ data: record.data, contentHash, placement });
    });
    await this.lines.insert(manager, newLines);
    await this.outbox.append(
      manager,
      rejected.map(({ message, problem }) => deadLetterFor(TOPICS.deadLetter, message, problem, now)),
    );
    const placed = newLines.filter((line) => 'batchId' in line.placement).length;
    return {
      placed,
      unplaced: newLines.length - placed,
      duplicates: repeats + alreadyStored,
      deadLettered: rejected.map(({ problem }) => problem.code),
    };
  }
}
