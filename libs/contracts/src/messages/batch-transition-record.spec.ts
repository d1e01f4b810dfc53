import { generateKeyPairSync } from 'node:crypto';
import { TOPICS } from '../topics';
import {
  BatchSnapshot,
  batchTransitionRecord,
  batchTransitionTopicRecord,
  parseBatchTransitionRecord,
} from './batch-transition-record';
import { RecordSigner, RecordVerifier } from '../signing/record-signature';
import { readSignedTopicMessage, readTopicMessage, SIGNATURE_PROBLEMS } from './topic-messages';
import { CLOSED_BATCH_SNAPSHOT } from '../testing/batch-snapshots.fixture';

const closed: BatchSnapshot = CLOSED_BATCH_SNAPSHOT;

describe('batchTransitionRecord', () => {
  it('announces a close with a deterministic id and the full snapshot', () => {
    expect(batchTransitionRecord(closed)).toEqual({
      specversion: '1.0',
      id: 'FR-01-2025-1/closed',
      source: 'refurb-ledger/issuance',
      type: 'credits.batch.closed',
      subject: 'FR-01-2025-1',
      time: '2026-01-31T00:00:00.000Z',
      datacontenttype: 'application/json',
      data: closed,
    });
  });

  it('dates a verification and an issuance by their own times', () => {
    const verified: BatchSnapshot = {
      ...closed,
      state: 'verified',
      verification: {
        verifiedAt: '2026-02-10T00:00:00.000Z',
        verifierName: 'Audit Co',
        reportReference: 'R-1',
      },
    };
    expect(batchTransitionRecord(verified)).toMatchObject({
      id: 'FR-01-2025-1/verified',
      time: '2026-02-10T00:00:00.000Z',
    });
    const issued: BatchSnapshot = {
      ...verified,
      state: 'issued',
      issuance: { issuedAt: '2026-03-01T00:00:00.000Z', registryReference: 'REG-9' },
    };
    expect(batchTransitionRecord(issued)).toMatchObject({
      type: 'credits.batch.issued',
      time: '2026-03-01T00:00:00.000Z',
    });
  });

  it('refuses an open batch, which has no transition to announce', () => {
    expect(() => batchTransitionRecord({ ...closed, state: 'open', closedAt: null })).toThrow(TypeError);
  });
});

describe('parseBatchTransitionRecord', () => {
  const verified: BatchSnapshot = {
    ...closed,
    state: 'verified',
    verification: {
      verifiedAt: '2026-02-10T00:00:00.000Z',
      verifierName: 'Audit Co',
      reportReference: 'R-1',
    },
  };

  it('reads back exactly what the builder wrote and signed, through the topic registry', () => {
    const keys = generateKeyPairSync('ed25519');
    const signer = new RecordSigner(keys.privateKey);
    for (const snapshot of [closed, verified]) {
      const produced = batchTransitionTopicRecord(snapshot, signer);
      expect(readTopicMessage(TOPICS.batches, produced)).toEqual({
        ok: true,
        message: batchTransitionRecord(snapshot),
      });
      expect(readSignedTopicMessage(TOPICS.batches, produced, new RecordVerifier([keys.publicKey]))).toEqual({
        ok: true,
        message: batchTransitionRecord(snapshot),
      });
    }
  });

  it('refuses a transition signed by another key before reading it', () => {
    const produced = batchTransitionTopicRecord(
      closed,
      new RecordSigner(generateKeyPairSync('ed25519').privateKey),
    );
    const trusted = new RecordVerifier([generateKeyPairSync('ed25519').publicKey]);
    expect(readSignedTopicMessage(TOPICS.batches, produced, trusted)).toEqual({
      ok: false,
      problem: { ...SIGNATURE_PROBLEMS.UNKNOWN_KEY, field: 'signature' },
    });
  });

  it('keeps only the declared members', () => {
    const record = { ...batchTransitionRecord(closed), traceparent: 'x', data: { ...closed, extra: 1 } };
    expect(parseBatchTransitionRecord(record)).toEqual({ ok: true, message: batchTransitionRecord(closed) });
  });

  it.each([
    ['an id that is not <batchId>/<state>', { id: 'FR-01-2025-1/verified' }, 'id'],
    ['a type that does not match the state', { type: 'credits.batch.issued' }, 'type'],
    ['a time other than the transition', { time: '2026-02-01T00:00:00.000Z' }, 'time'],
    ['a subject other than the batch', { subject: 'FR-01-2025-2' }, 'subject'],
    ['another source', { source: 'someone-else' }, 'source'],
  ])('refuses %s', (_case, change, field) => {
    const read = parseBatchTransitionRecord({ ...batchTransitionRecord(closed), ...change });
    expect(read).toMatchObject({ ok: false, problem: { code: 'MESSAGE.INVALID_SHAPE', field } });
  });

  it('refuses an open batch and a malformed total with the path of the value', () => {
    const open = { ...batchTransitionRecord(closed), data: { ...closed, state: 'open' } };
    expect(parseBatchTransitionRecord(open)).toMatchObject({ ok: false, problem: { field: 'data.state' } });
    const badTotals = {
      ...batchTransitionRecord(closed),
      data: { ...closed, totals: { ...closed.totals, credits: 1.5 } },
    };
    expect(parseBatchTransitionRecord(badTotals)).toMatchObject({
      ok: false,
      problem: { field: 'data.totals.credits' },
    });
  });

  it('refuses what is not a CloudEvent with the codec code', () => {
    const read = readTopicMessage(TOPICS.batches, { value: Buffer.from('not json'), headers: {} });
    expect(read).toMatchObject({ ok: false, problem: { code: 'EVENT.MALFORMED_JSON' } });
  });
});
