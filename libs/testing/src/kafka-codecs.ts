import { registerCompressionCodecs } from '@refurb/kafka';

// Test clients build kafkajs directly; registering here lets them read snappy, LZ4 and zstd too.
registerCompressionCodecs();

export { registerCompressionCodecs };
