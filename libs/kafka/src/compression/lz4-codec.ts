import { KafkaCodec, settle } from './kafka-codec';
import { decodeLz4Frames } from './lz4-frame-decoder';
import { encodeLz4Frame } from './lz4-frame-encoder';

/** LZ4 frame format, as Kafka uses it in record batches v2 (librdkafka and the Java client alike). */
export const lz4Codec: KafkaCodec = {
  compress: (encoder) => settle(() => encodeLz4Frame(encoder.buffer)),
  decompress: (buffer) => settle(() => decodeLz4Frames(buffer)),
};
