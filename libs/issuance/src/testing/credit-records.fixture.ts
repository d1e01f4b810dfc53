import {
  appendLuhnCheckDigit,
  canonicalJson,
  cycleCreditRecord,
  CycleCreditData,
  CycleCreditRecord,
  DeviceCategory,
  PartName,
  RecordSigner,
  TransportLeg,
} from '@refurb/contracts';
import { computeAvoidedEmissions, DEFAULT_FACTOR_SET, FactorSet } from '@refurb/emissions';
import { createHash } from 'node:crypto';

/** A valid IMEI device id, distinct for each `n` under one `prefix` (up to 6 digits). */
export function imeiOf(prefix: number, n: number): string {
  const payload = `35${String(prefix).padStart(6, '0')}${String(n).padStart(6, '0')}`;
  return `imei:${appendLuhnCheckDigit(payload)}`;
}

export interface CreditFixture {
  deviceId: string;
  category: DeviceCategory;
  workshopId: string;
  vintage: number;
  partsReplaced?: PartName[];
  legs?: TransportLeg[];
  factors?: FactorSet;
  /** Position in the cycle's history (1 for a first credit, 3 after a credit and its reversal). */
  sequence?: number;
  country?: string;
}

/**
 * A credit record as the tracker publishes it: evidence event ids derived from the device, emissions
 * computed by the real RL-REFURB-1 function from the factor set.
 */
export function creditRecord(fixture: CreditFixture): CycleCreditRecord {
  const { deviceId, category, workshopId, vintage } = fixture;
  const sequence = fixture.sequence ?? 1;
  const collectionEventId = `${deviceId}/collected`;
  const cycleId = `${deviceId}/${collectionEventId}`;
  const refurbishmentEventId = `${deviceId}/refurbished`;
  const resaleEventId = `${deviceId}/resold/${sequence}`;
  const partsReplaced = (fixture.partsReplaced ?? []).map((part, index) => ({
    eventId: `${deviceId}/repaired/${index}`,
    part,
  }));
  const legs = (fixture.legs ?? []).map((leg) => ({ eventId: collectionEventId, ...leg }));
  const emissions = computeAvoidedEmissions(
    { category, partsReplaced: partsReplaced.map((p) => p.part), legs: fixture.legs ?? [] },
    fixture.factors ?? DEFAULT_FACTOR_SET,
  );
  const evidence = {
    deviceId,
    cycleId,
    category,
    collectionEventId,
    refurbishmentEventId,
    workshopId,
    erasureCertificateId: `cert-${deviceId}`,
    creditedResaleEventId: resaleEventId,
    orderId: `order-${deviceId}-${sequence}`,
    country: fixture.country ?? 'FR',
    vintage,
    evidenceEvents: [
      {
        eventId: collectionEventId,
        type: 'device.collected' as const,
        time: `${vintage}-01-10T09:00:00.000Z`,
      },
      ...partsReplaced.map((p) => ({
        eventId: p.eventId,
        type: 'device.repaired' as const,
        time: `${vintage}-01-12T09:00:00.000Z`,
      })),
      {
        eventId: refurbishmentEventId,
        type: 'device.refurbished' as const,
        time: `${vintage}-01-15T09:00:00.000Z`,
      },
      { eventId: resaleEventId, type: 'device.resold' as const, time: `${vintage}-02-01T12:00:00.000Z` },
    ],
    partsReplaced,
    legs,
  };
  const data: CycleCreditData = {
    changeId: `${cycleId}/credit/${sequence}`,
    kind: 'credit',
    cycleId,
    deviceId,
    sequence,
    fingerprint: `sha256:${createHash('sha256').update(canonicalJson(evidence)).digest('hex')}`,
    evidence,
    emissions,
    signedAvoidedG: emissions.avoidedG,
  };
  return envelope(data);
}

/** The reversal the tracker publishes when `credit` is cancelled: the credit repeated, negated. */
export function reversalOf(credit: CycleCreditRecord): CycleCreditRecord {
  const sequence = credit.data.sequence + 1;
  return envelope({
    ...credit.data,
    changeId: `${credit.data.cycleId}/reversal/${sequence}`,
    kind: 'reversal',
    sequence,
    reversesChangeId: credit.data.changeId,
    signedAvoidedG: -credit.data.emissions.avoidedG,
  });
}

function envelope(data: CycleCreditData): CycleCreditRecord {
  return cycleCreditRecord(data, new Date('2026-01-05T10:00:00.000Z'));
}

/** A kafkajs message carrying the record signed, in structured mode, keyed by device as the tracker does. */
export function creditMessage(
  record: CycleCreditRecord,
  signer: RecordSigner,
): {
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return {
    key: record.data.deviceId,
    value: JSON.stringify(signer.sign(record)),
    headers: { 'content-type': 'application/cloudevents+json' },
  };
}
