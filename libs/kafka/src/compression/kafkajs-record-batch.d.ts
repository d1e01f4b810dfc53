// kafkajs's record batch encoder and decoder, untyped internals that specs use to build and read real
// batches the way a fetch does (undecodable-batch.spec.ts). Production code never imports them.
declare module 'kafkajs/src/utils/long' {
  export default class Long {
    static fromValue(value: number | string | bigint): Long;
  }
}

declare module 'kafkajs/src/protocol/recordBatch/record/v0' {
  import { IHeaders } from 'kafkajs';
  interface RecordEncoder {
    buffer: Buffer;
  }
  export default function Record(record: {
    offsetDelta?: number;
    key: Buffer | null;
    value: Buffer | null;
    headers?: IHeaders;
  }): RecordEncoder;
}

declare module 'kafkajs/src/protocol/recordBatch/v0' {
  import Long from 'kafkajs/src/utils/long';
  export function RecordBatch(batch: {
    compression?: number;
    firstOffset?: Long;
    lastOffsetDelta?: number;
    records: { buffer: Buffer }[];
  }): Promise<{ buffer: Buffer }>;
}

declare module 'kafkajs/src/protocol/decoder' {
  export default class Decoder {
    constructor(buffer: Buffer);
  }
}

declare module 'kafkajs/src/protocol/recordBatch/v0/decoder' {
  import { IHeaders } from 'kafkajs';
  import Decoder from 'kafkajs/src/protocol/decoder';
  export default function decodeRecordBatch(decoder: Decoder): Promise<{
    records: { offset: string; key: Buffer | null; value: Buffer | null; headers: IHeaders }[];
  }>;
}
