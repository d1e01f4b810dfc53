/**
 * Headers a dead letter gains on top of the original message's own (which it keeps byte for byte). Part
 * of the contract with operators' tooling and of the AsyncAPI document, hence here rather than in
 * libs/kafka, which writes them.
 */
export const DEAD_LETTER_HEADERS = {
  code: 'dlq-reason-code',
  detail: 'dlq-reason-detail',
  field: 'dlq-reason-field',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  rejectedAt: 'dlq-rejected-at',
} as const;

/** Set on a redriven message: the dead letter it came from, as `<partition>:<offset>` of the dead-letter topic. */
export const REDRIVEN_FROM_HEADER = 'dlq-redriven-from';
