import { randomBytes } from 'node:crypto';
import { CodedError } from '@refurb/contracts';
import { KafkaCodec } from './kafka-codec';

/** The dead-letter code of a record batch no codec could decompress (corrupt, or past the size limit). */
export const UNDECODABLE_BATCH_CODE = 'KAFKA.UNDECODABLE_BATCH';

/**
 * Marks the stand-in records of an undecodable batch. Its value is drawn afresh by each process, so a
 * record a producer wrote can never pass for one.
 */
const MARKER_HEADER = 'refurb-undecodable-batch';
const MARKER = randomBytes(16).toString('hex');

/** What the stand-in records carry: the first one the batch's compressed bytes, all of them the marker. */
export const UNDECODABLE_BATCH_HEADERS = {
  codec: 'undecodable-codec',
  error: 'undecodable-error',
  offsets: 'undecodable-offsets',
  records: 'undecodable-records',
} as const;

/**
 * A record count beyond which no stand-ins are made (the batch fails as before): a real batch within the
 * fetch's byte limits holds far fewer, and a stand-in costs kafkajs a message object each.
 */
const MAX_STAND_INS = 100_000;

/**
 * RecordBatch v2 header bytes that precede the records, counted back from where the compressed records
 * start (docs/decisions.md, decision 35): firstOffset int64, length int32, partitionLeaderEpoch int32,
 * magic int8, crc int32, attributes int16, lastOffsetDelta int32, firstTimestamp int64, maxTimestamp
 * int64, producerId int64, producerEpoch int16, firstSequence int32, record count int32.
 */
const HEADER_BYTES = 61;
/** The batch's `length` counts everything after itself: the header from partitionLeaderEpoch on, then the records. */
const HEADER_BYTES_AFTER_LENGTH = 49;
const MAGIC_V2 = 2;

interface BatchHeader {
  firstOffset: bigint;
  lastOffsetDelta: number;
  recordCount: number;
}

/**
 * Wraps a codec so that a batch it cannot decompress becomes stand-in records instead of an error.
 * kafkajs decodes a whole fetch response at once: a codec error there fails every partition of the
 * fetch, again on every retry and restart, for ever. With stand-ins the fetch decodes, the batch's
 * partition gets one record per original record, over the batch's offsets, and the batch consumer
 * dead-letters the batch (raw compressed bytes, the codec error, its offsets) and moves past it in its
 * transaction.
 *
 * The codec sees only the compressed bytes, but kafkajs hands it a view into the fetch response, right
 * after the batch header; the header is read from there, and only if it is exactly what it must be
 * (magic 2, a length that ends where the compressed bytes end, a plausible record count). Otherwise the
 * error is thrown as before.
 */
export function withUndecodableStandIns(codecName: string, codec: KafkaCodec): KafkaCodec {
  return {
    compress: (encoder) => codec.compress(encoder),
    decompress: async (compressed) => {
      try {
        return await codec.decompress(compressed);
      } catch (error) {
        const header = batchHeaderBefore(compressed);
        if (header === null) throw error;
        return standInRecords(header, compressed, codecName, error);
      }
    },
  };
}

function batchHeaderBefore(compressed: Buffer): BatchHeader | null {
  if (compressed.byteOffset < HEADER_BYTES) return null;
  const header = Buffer.from(compressed.buffer, compressed.byteOffset - HEADER_BYTES, HEADER_BYTES);
  const length = header.readInt32BE(8);
  const magic = header.readInt8(16);
  const lastOffsetDelta = header.readInt32BE(23);
  const recordCount = header.readInt32BE(57);
  const consistent =
    magic === MAGIC_V2 &&
    length === HEADER_BYTES_AFTER_LENGTH + compressed.length &&
    recordCount >= 1 &&
    recordCount <= MAX_STAND_INS &&
    lastOffsetDelta >= recordCount - 1;
  return consistent ? { firstOffset: header.readBigInt64BE(0), lastOffsetDelta, recordCount } : null;
}

/**
 * `recordCount` records, as kafkajs expects of the decompressed bytes: the first ones at the batch's
 * first offsets, the last at its last offset, so the batch's whole range is consumed with them.
 */
function standInRecords(header: BatchHeader, compressed: Buffer, codecName: string, error: unknown): Buffer {
  const lastOffset = header.firstOffset + BigInt(header.lastOffsetDelta);
  const described: [string, string][] = [
    [UNDECODABLE_BATCH_HEADERS.codec, codecName],
    [UNDECODABLE_BATCH_HEADERS.error, describe(error)],
    [UNDECODABLE_BATCH_HEADERS.offsets, `${header.firstOffset}-${lastOffset}`],
    [UNDECODABLE_BATCH_HEADERS.records, String(header.recordCount)],
  ];
  const records: Buffer[] = [];
  for (let i = 0; i < header.recordCount; i++) {
    const last = i === header.recordCount - 1;
    const first = i === 0;
    records.push(
      encodeRecord(
        last ? header.lastOffsetDelta : i,
        first ? Buffer.from(compressed) : null,
        first ? [[MARKER_HEADER, MARKER], ...described] : [[MARKER_HEADER, MARKER]],
      ),
    );
  }
  return Buffer.concat(records);
}

function describe(error: unknown): string {
  if (error instanceof CodedError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A v2 record: length, attributes, timestamp delta, offset delta, key, value, headers (zig-zag varints). */
function encodeRecord(offsetDelta: number, value: Buffer | null, headers: [string, string][]): Buffer {
  const parts: Buffer[] = [Buffer.of(0), varint(0), varint(offsetDelta), varint(-1)];
  parts.push(value === null ? varint(-1) : Buffer.concat([varint(value.length), value]));
  parts.push(varint(headers.length));
  for (const [name, text] of headers) {
    const nameBytes = Buffer.from(name, 'utf8');
    const textBytes = Buffer.from(text, 'utf8');
    parts.push(varint(nameBytes.length), nameBytes, varint(textBytes.length), textBytes);
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([varint(body.length), body]);
}

function varint(value: number): Buffer {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  const bytes: number[] = [];
  while (zigzag >= 0x80) {
    bytes.push((zigzag % 0x80) | 0x80);
    zigzag = Math.floor(zigzag / 0x80);
  }
  bytes.push(zigzag);
  return Buffer.from(bytes);
}

/** A stand-in record of an undecodable batch, read back from the headers a consumer got. */
export interface UndecodableBatchRecord {
  /** The first stand-in of its batch: it carries the compressed bytes and what went wrong. */
  carriesBatch: boolean;
  /** `<codec>: <error>` and the batch's offsets, for the dead letter's detail. */
  detail: string;
}

type RecordHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function undecodableBatchRecord(headers: RecordHeaders | undefined): UndecodableBatchRecord | null {
  if (headers === undefined || text(headers[MARKER_HEADER]) !== MARKER) return null;
  const codec = text(headers[UNDECODABLE_BATCH_HEADERS.codec]);
  if (codec === undefined) return { carriesBatch: false, detail: '' };
  const offsets = text(headers[UNDECODABLE_BATCH_HEADERS.offsets]) ?? '?';
  const records = text(headers[UNDECODABLE_BATCH_HEADERS.records]) ?? '?';
  const error = text(headers[UNDECODABLE_BATCH_HEADERS.error]) ?? 'unknown error';
  return {
    carriesBatch: true,
    detail: `${codec} batch of ${records} records at offsets ${offsets} cannot be decompressed (${error})`,
  };
}

/** The marker itself stays in this process: a dead letter keeps every other header. */
export function withoutMarker<H extends RecordHeaders>(headers: H): H {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== MARKER_HEADER)) as H;
}

function text(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
