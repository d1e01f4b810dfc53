import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type FixtureCodec = 'snappy' | 'lz4' | 'zstd';

/**
 * Who compressed a fixture batch: `kcat` is librdkafka (`kcat -P -z <codec>`, kcat 1.7.1, librdkafka
 * 2.0.2), `java` is the Kafka 3.9 broker re-compressing into a topic with `compression.type=<codec>`,
 * i.e. the Java client's compression libraries (snappy-java's framing, lz4-java, zstd-jni).
 */
export type FixtureOrigin = 'kcat' | 'java';

/**
 * The messages every fixture batch holds, in order: small JSON events, then one large message whose
 * compressed form spans several 64 KB LZ4 blocks. Deterministic, so specs can rebuild them.
 */
export function compressedBatchValues(): string[] {
  const small = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({
      specversion: '1.0',
      id: `kcat-fixture-${String(i).padStart(4, '0')}`,
      type: 'device.collected',
      data: { deviceId: `serial:acme:SN-${(i * 7919).toString(36).toUpperCase()}`, siteId: `SITE-${i % 7}` },
    }),
  );
  const words = ['refurbished', 'battery', 'screen', 'housing', 'imei', 'collected', 'resold', 'workshop'];
  const large = Array.from({ length: 12_000 }, (_, i) => `${words[(i * 31) % words.length]}-${i % 97}`).join(
    ' ',
  );
  return [...small, large];
}

/** A record batch's compressed records exactly as kafkajs received them from the broker. */
export function compressedBatch(origin: FixtureOrigin, codec: FixtureCodec): Buffer {
  return readFileSync(join(__dirname, 'fixtures', `${origin}-${codec}.bin`));
}

/**
 * Whether the decompressed records hold every value, in order. Records store values verbatim after
 * their varint length, so this tells a correct decompression from a truncated or garbled one.
 */
export function holdsValuesInOrder(records: Buffer, values: readonly string[]): boolean {
  let from = 0;
  for (const value of values) {
    const at = records.indexOf(value, from);
    if (at === -1) return false;
    from = at + Buffer.byteLength(value);
  }
  return true;
}

/** The `code` of what `work` throws, for errors of a code-carrying type. */
export function failureCode(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'nothing thrown';
}
