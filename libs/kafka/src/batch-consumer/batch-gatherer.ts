/** What the gatherer needs to know of a partition batch to group it. */
export interface GatherableBatch {
  topic: string;
  partition: number;
  messageCount: number;
}

export interface GatherLimits {
  /** Messages one group may hold; a single larger batch still forms a group of its own. */
  maxMessages: number;
  /** Groups processed at once. */
  concurrency: number;
}

interface Pending<T> {
  batch: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the partition batches a consumer hands over one by one into groups processed together, so
 * that one fetch of many small partition batches costs one transaction instead of one per partition.
 *
 * kafkajs hands every batch of a fetch to its workers within the same turn of the event loop, so the
 * gatherer waits for that turn to end (setImmediate) before grouping. Groups are cut in order of
 * partition number, then topic: topics keyed alike (every input topic is keyed by device id) put one
 * key on the same partition number, so groups processed at once rarely touch the same keys. Each
 * batch's promise settles with its group.
 */
export class BatchGatherer<T extends GatherableBatch> {
  private pending: Pending<T>[] = [];
  private scheduled = false;
  private running = 0;

  constructor(
    private readonly processGroup: (group: T[]) => Promise<void>,
    private readonly limits: GatherLimits,
  ) {
    if (!(limits.maxMessages >= 1) || !(limits.concurrency >= 1)) {
      throw new RangeError('BatchGatherer: maxMessages and concurrency must be at least 1');
    }
  }

  submit(batch: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.startGroups();
      });
    });
  }

  private startGroups(): void {
    while (this.running < this.limits.concurrency && this.pending.length > 0) {
      const group = this.takeGroup();
      this.running += 1;
      this.processGroup(group.map((item) => item.batch))
        .then(
          () => group.forEach((item) => item.resolve()),
          (error: unknown) => group.forEach((item) => item.reject(error)),
        )
        .finally(() => {
          this.running -= 1;
          this.startGroups();
        });
    }
  }

  private takeGroup(): Pending<T>[] {
    this.pending.sort(
      (a, b) => a.batch.partition - b.batch.partition || a.batch.topic.localeCompare(b.batch.topic),
    );
    let messages = 0;
    let taken = 0;
    for (const { batch } of this.pending) {
      if (taken > 0 && messages + batch.messageCount > this.limits.maxMessages) break;
      messages += batch.messageCount;
      taken += 1;
    }
    return this.pending.splice(0, taken);
  }
}
