import { CompressionTypes } from 'kafkajs';
import Decoder from 'kafkajs/src/protocol/decoder';
import Record from 'kafkajs/src/protocol/recordBatch/record/v0';
import { RecordBatch } from 'kafkajs/src/protocol/recordBatch/v0';
import decodeRecordBatch from 'kafkajs/src/protocol/recordBatch/v0/decoder';
import Long from 'kafkajs/src/utils/long';
import { registerCompressionCodecs } from './register-codecs';
import { undecodableBatchRecord, withoutMarker } from './undecodable-batch';

/** Where a v2 batch's compressed records start: its header is 61 bytes (undecodable-batch.ts). */
const RECORDS_AT = 61;
const FIRST_OFFSET = 1_000;

/** A gzip record batch of `count` records as a fetch response holds it, decoded by kafkajs. */
async function gzipBatch(count: number): Promise<Buffer> {
  const records = Array.from({ length: count }, (_, i) =>
    Record({ offsetDelta: i, key: Buffer.from(`k${i}`), value: Buffer.from(`{"n":${i}}`) }),
  );
  const batch = await RecordBatch({
    compression: CompressionTypes.GZIP,
    firstOffset: Long.fromValue(FIRST_OFFSET),
    lastOffsetDelta: count - 1,
    records,
  });
  return batch.buffer;
}

describe('undecodable batches', () => {
  beforeAll(() => registerCompressionCodecs());

  it('leaves a batch that decompresses alone', async () => {
    const { records } = await decodeRecordBatch(new Decoder(await gzipBatch(3)));

    expect(records.map((r) => [r.offset, r.value?.toString()])).toEqual([
      ['1000', '{"n":0}'],
      ['1001', '{"n":1}'],
      ['1002', '{"n":2}'],
    ]);
    expect(records.map((r) => undecodableBatchRecord(r.headers))).toEqual([null, null, null]);
  });

  it('turns a corrupt batch into one stand-in per record over its offsets, the first with the compressed bytes', async () => {
    const batch = await gzipBatch(4);
    batch.fill(0, RECORDS_AT, RECORDS_AT + 2); // the gzip magic bytes
    const compressed = Buffer.from(batch.subarray(RECORDS_AT));

    const { records } = await decodeRecordBatch(new Decoder(batch));

    expect(records.map((r) => r.offset)).toEqual(['1000', '1001', '1002', '1003']);
    expect(records[0].value).toEqual(compressed);
    expect(records.slice(1).map((r) => r.value)).toEqual([null, null, null]);
    const [first, ...rest] = records.map((r) => undecodableBatchRecord(r.headers));
    expect(first).toEqual({
      carriesBatch: true,
      detail: expect.stringMatching(
        /^gzip batch of 4 records at offsets 1000-1003 cannot be decompressed \(KAFKA\.CORRUPT_COMPRESSED_BATCH: gzip: /,
      ) as string,
    });
    expect(rest).toEqual([
      { carriesBatch: false, detail: '' },
      { carriesBatch: false, detail: '' },
      { carriesBatch: false, detail: '' },
    ]);
    expect(Object.keys(withoutMarker(records[0].headers)).sort()).toEqual([
      'undecodable-codec',
      'undecodable-error',
      'undecodable-offsets',
      'undecodable-records',
    ]);
  });

  it('never takes a record a producer wrote for a stand-in, whatever its headers say', () => {
    expect(undecodableBatchRecord({ 'refurb-undecodable-batch': 'guess', 'undecodable-codec': 'gzip' })).toBe(
      null,
    );
  });

  it('still fails when the bytes before the compressed records are not a batch header', async () => {
    const batch = await gzipBatch(2);
    batch.fill(0, RECORDS_AT, RECORDS_AT + 2);
    batch.writeInt8(1, 16); // magic 1: not a v2 batch, so its header cannot be trusted

    await expect(decodeRecordBatch(new Decoder(batch))).rejects.toMatchObject({
      code: 'KAFKA.CORRUPT_COMPRESSED_BATCH',
    });
  });
});
