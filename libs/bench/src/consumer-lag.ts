/** One partition's watermarks as kafkajs `admin.fetchTopicOffsets` reports them (decimal strings). */
export interface PartitionWatermarks {
  partition: number;
  low: string;
  high: string;
}

/** One partition's committed offset as `admin.fetchOffsets` reports it; `-1` when the group has none. */
export interface CommittedOffset {
  partition: number;
  offset: string;
}

export interface ConsumerLag {
  /** Records the group has committed past, above the log start. */
  consumed: number;
  /** Records between the group's committed offset (or the log start) and the end of the log. */
  remaining: number;
}

/** How far a group that commits after handling is through a topic's records. */
export function consumerLag(
  watermarks: readonly PartitionWatermarks[],
  committed: readonly CommittedOffset[],
): ConsumerLag {
  const committedBy = new Map(committed.map(({ partition, offset }) => [partition, BigInt(offset)]));
  let consumed = 0n;
  let remaining = 0n;
  for (const { partition, low, high } of watermarks) {
    const start = BigInt(low);
    const end = BigInt(high);
    const at = committedBy.get(partition) ?? -1n;
    const position = at < start ? start : at > end ? end : at;
    consumed += position - start;
    remaining += end - position;
  }
  return { consumed: Number(consumed), remaining: Number(remaining) };
}

/** Sums the lag of several topics. */
export function totalLag(lags: readonly ConsumerLag[]): ConsumerLag {
  return lags.reduce(
    (total, lag) => ({ consumed: total.consumed + lag.consumed, remaining: total.remaining + lag.remaining }),
    { consumed: 0, remaining: 0 },
  );
}
