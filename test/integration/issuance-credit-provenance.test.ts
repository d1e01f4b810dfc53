import { localSigningKeyFiles, loadRecordVerifier } from '@refurb/config';
import {
  CycleCreditRecord,
  readSignedTopicMessage,
  RecordSigner,
  SIGNATURE_ATTRIBUTES,
  TOPICS,
} from '@refurb/contracts';
import { creditMessage, creditRecord, imeiOf } from '@refurb/issuance/testing/credit-records.fixture';
import { eventually, localRecordSigner } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

const FORGED_G = 50_000_000_000;
const device = (n: number) => imeiOf(12, n);

function laptop(n: number): CycleCreditRecord {
  return creditRecord({ deviceId: device(n), category: 'laptop', workshopId: 'ws-prov-a', vintage: 2025 });
}

/**
 * No record is believed for the topic it came on: a credit becomes a line only if a trusted tracker
 * key signed it and its figure is the methodology's. Here the tracker's key is being rotated, so
 * issuance trusts the current (local) key and the next one at once.
 */
describe('issuance: a credit record needs a trusted signature and the right figure', () => {
  const current = localRecordSigner('tracker');
  const nextKeys = generateKeyPairSync('ed25519');
  const next = new RecordSigner(nextKeys.privateKey);
  const stranger = new RecordSigner(generateKeyPairSync('ed25519').privateKey);
  let service: IssuanceTestApp;
  let deadLetters: KafkaMessage[];
  let finance: KafkaMessage[];

  beforeAll(async () => {
    const trusted = [
      readFileSync(localSigningKeyFiles('tracker').publicKey, 'utf8'),
      nextKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ].join('');
    service = await IssuanceTestApp.start('provenance', { ISSUANCE_TRACKER_PUBLIC_KEYS: trusted });
    deadLetters = await service.kafka.collect(TOPICS.deadLetter);
    finance = await service.kafka.collect(TOPICS.batches);
    await service.cli('project', 'upsert', 'PROV-FR', '--company', 'Provenance Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-prov-a', '--name', 'Provenance A', '--project', 'PROV-FR');
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('dead-letters forged, unsigned, unknown-key and miscomputed records, and places genuine ones signed by either key', async () => {
    const genuine = laptop(1);
    const signedGenuine = current.sign(genuine);
    // A copy of a real signed record for a device the tracker never saw, worth 50,000 credits.
    const forgedData = {
      ...signedGenuine.data,
      changeId: `${device(2)}/forged/credit/1`,
      cycleId: `${device(2)}/forged`,
      deviceId: device(2),
      evidence: { ...signedGenuine.data.evidence, deviceId: device(2), cycleId: `${device(2)}/forged` },
      emissions: { ...signedGenuine.data.emissions, avoidedG: FORGED_G },
      signedAvoidedG: FORGED_G,
    };
    const forged = {
      ...signedGenuine,
      id: forgedData.changeId,
      subject: forgedData.cycleId,
      data: forgedData,
    };
    const unsigned = laptop(3);
    const unknownKey = laptop(4);
    // Signed with a trusted key, but the figure is not what the evidence gives: a compromised or buggy signer.
    const honest = laptop(5);
    const miscomputed: CycleCreditRecord = {
      ...honest,
      data: {
        ...honest.data,
        emissions: { ...honest.data.emissions, avoidedG: FORGED_G },
        signedAvoidedG: FORGED_G,
      },
    };
    const byNextKey = laptop(6);

    await service.kafka.produce(TOPICS.credited, [
      { key: device(2), value: JSON.stringify(forged) },
      { key: device(3), value: JSON.stringify(unsigned) },
      creditMessage(unknownKey, stranger),
      creditMessage(miscomputed, current),
      creditMessage(genuine, current),
      creditMessage(byNextKey, next),
    ]);
    const lines = await service.linesEventually([genuine.id, byNextKey.id]);
    expect(lines.map((line) => [line.change_id, line.avoided_g])).toEqual(
      expect.arrayContaining([
        [genuine.id, String(genuine.data.signedAvoidedG)],
        [byNextKey.id, String(byNextKey.data.signedAvoidedG)],
      ]),
    );

    const refused = [device(2), device(3), device(4), device(5)];
    const reasons = await eventually(
      () =>
        Promise.resolve(
          deadLetters
            .filter((m) => refused.includes(m.key?.toString() ?? ''))
            .map((m) => [
              m.key?.toString(),
              m.headers?.['dlq-reason-code']?.toString(),
              m.headers?.['dlq-reason-field']?.toString(),
            ]),
        ),
      (found) => found.length === refused.length,
      { what: 'four dead letters' },
    );
    expect(reasons.sort()).toEqual(
      [
        [device(2), 'ISSUANCE.BAD_SIGNATURE', SIGNATURE_ATTRIBUTES.signature],
        [device(3), 'ISSUANCE.UNSIGNED_CREDIT_RECORD', SIGNATURE_ATTRIBUTES.signature],
        [device(4), 'ISSUANCE.UNKNOWN_SIGNING_KEY', SIGNATURE_ATTRIBUTES.signature],
        [device(5), 'ISSUANCE.FIGURE_MISMATCH', 'data.emissions.avoidedG'],
      ].sort(),
    );
    expect(await service.lines([forged.id, unsigned.id, unknownKey.id, miscomputed.id])).toEqual([]);
    const [{ gross }] = await service.database.query<{ gross: string }>(
      `SELECT sum(avoided_g)::text AS gross FROM issuance.credit_lines`,
    );
    expect(gross).toBe(String(genuine.data.signedAvoidedG + byNextKey.data.signedAvoidedG));
  });

  it('signs every batch transition it announces, verifiable with its public key alone', async () => {
    const [line] = await service.lines([laptop(1).id]);
    const closed = await service.http('POST', `/v1/batches/${line.batch_id}/close`, { role: 'finance' });
    expect(closed.status).toBe(200);
    const issuanceKey = loadRecordVerifier({
      variable: 'ISSUANCE_PUBLIC_KEY',
      inline: undefined,
      file: localSigningKeyFiles('issuance').publicKey,
    });
    const announced = await eventually(
      () => Promise.resolve(finance.filter((m) => m.key?.toString() === 'PROV-FR')),
      (found) => found.length === 1,
      { what: 'the close announced to finance' },
    );
    const read = readSignedTopicMessage(TOPICS.batches, announced[0], issuanceKey);
    expect(read).toMatchObject({
      ok: true,
      message: { id: `${line.batch_id}/closed`, type: expect.any(String) },
    });
    const tampered = JSON.parse(announced[0].value!.toString()) as { data: { totals: { credits: number } } };
    tampered.data.totals.credits += 1_000;
    expect(
      readSignedTopicMessage(
        TOPICS.batches,
        { ...announced[0], value: Buffer.from(JSON.stringify(tampered)) },
        issuanceKey,
      ),
    ).toMatchObject({ ok: false, problem: { code: 'SIGNATURE.BAD_SIGNATURE' } });
  });
});
