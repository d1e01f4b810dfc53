import { Inject, Injectable } from '@nestjs/common';
import { AnyDeviceEvent, CycleCreditData, cycleCreditTopicRecord, RecordSigner } from '@refurb/contracts';
import { FactorSet } from '@refurb/emissions';
import { OutboxWriter } from '@refurb/kafka';
import { deriveDeviceCycles, DeviceCycle, planCreditChanges } from '@refurb/lifecycle';
import { EntityManager } from 'typeorm';
import { CycleCreditRepository, CycleCreditState } from '../storage/cycle-credit.repository';
import { creditStep } from './cycle-credit-records';
import { DeviceCycleRepository } from '../storage/device-cycle.repository';
import { FactorSetRepository } from '../storage/factor-set.repository';
import { DeviceHistories } from './record-device-events.handler';

export const TRACKER_FACTOR_SET_VERSION = Symbol('TRACKER_FACTOR_SET_VERSION');
export const CREDIT_RECORD_SIGNER = Symbol('CREDIT_RECORD_SIGNER');

export interface RederivedDevices {
  cycles: number;
  creditRecords: CycleCreditData[];
}

/**
 * Re-derives the cycles of the devices a batch touched from ALL their stored events (so arrival order
 * never matters), stores the result, and publishes through the outbox every credit or reversal the
 * change implies. Runs inside the consumer's transaction, after the batch's events were recorded, on the
 * histories the recording read under the devices' locks (still held: they are released at commit).
 */
@Injectable()
export class RederiveDeviceCyclesHandler {
  private frozenFactors?: FactorSet;

  constructor(
    private readonly cycles: DeviceCycleRepository,
    private readonly credits: CycleCreditRepository,
    private readonly factorSets: FactorSetRepository,
    private readonly outbox: OutboxWriter,
    @Inject(TRACKER_FACTOR_SET_VERSION) private readonly factorSetVersion: string,
    @Inject(CREDIT_RECORD_SIGNER) private readonly signer: RecordSigner,
  ) {}

  async rederive(
    manager: EntityManager,
    histories: DeviceHistories,
    now = new Date(),
  ): Promise<RederivedDevices> {
    const devices = [...histories.keys()].sort();
    if (devices.length === 0) return { cycles: 0, creditRecords: [] };
    const creditStates = await this.credits.loadForDevices(manager, devices);
    const creditedCyclesOf = groupBy([...creditStates.values()], (state) => state.deviceId);

    const derivedCycles: DeviceCycle[] = [];
    const changedStates: CycleCreditState[] = [];
    const records: CycleCreditData[] = [];
    for (const deviceId of devices) {
      const deviceEvents: readonly AnyDeviceEvent[] = histories.get(deviceId) ?? [];
      const derived = deviceEvents.length > 0 ? deriveDeviceCycles(deviceEvents).cycles : [];
      derivedCycles.push(...derived);
      const derivedById = new Map(derived.map((cycle) => [cycle.cycleId, cycle]));
      // A cycle credited earlier may have disappeared (windows move as late collections arrive): plan it too.
      const cycleIds = new Set([
        ...derivedById.keys(),
        ...(creditedCyclesOf.get(deviceId) ?? []).map((state) => state.cycleId),
      ]);
      for (const cycleId of [...cycleIds].sort()) {
        const state = creditStates.get(cycleId) ?? { cycleId, deviceId, steps: 0, standing: null };
        const sequence = state.steps + 1;
        const changes = planCreditChanges({
          cycleId,
          published: state.standing && {
            changeId: state.standing.changeId,
            fingerprint: state.standing.fingerprint,
          },
          derived: derivedById.get(cycleId)?.credit ?? null,
          sequence,
        });
        if (changes.length === 0) continue;
        const factors = changes.some((change) => change.kind === 'credit')
          ? await this.factorsForCredit(manager)
          : null;
        const step = creditStep(changes, state.standing, sequence, factors);
        records.push(...step.records);
        changedStates.push({ ...state, steps: sequence, standing: step.standing });
      }
    }

    await this.cycles.replaceForDevices(manager, devices, derivedCycles);
    await this.credits.save(manager, changedStates);
    await this.outbox.append(
      manager,
      records.map((record) => cycleCreditTopicRecord(record, now, this.signer)),
    );
    return { cycles: derivedCycles.length, creditRecords: records };
  }

  /**
   * The configured factor set, marked used (and so frozen by trigger) in the transaction that credits
   * with it. It is cached only once a committed transaction froze it: then it can never go stale.
   */
  private async factorsForCredit(manager: EntityManager): Promise<FactorSet> {
    if (this.frozenFactors) return this.frozenFactors;
    await this.factorSets.markUsed(manager, this.factorSetVersion);
    const { factors, frozenBefore } = await this.factorSets.load(manager, this.factorSetVersion);
    if (frozenBefore) this.frozenFactors = factors;
    return factors;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
