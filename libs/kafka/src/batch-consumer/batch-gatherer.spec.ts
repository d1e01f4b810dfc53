import { BatchGatherer, GatherableBatch } from './batch-gatherer';

const batch = (topic: string, partition: number, messageCount = 10): GatherableBatch => ({
  topic,
  partition,
  messageCount,
});

/** A processGroup that records its groups and finishes only when told to. */
function controlledProcessor() {
  const groups: GatherableBatch[][] = [];
  const finishers: (() => void)[] = [];
  const failers: ((error: Error) => void)[] = [];
  const processGroup = (group: GatherableBatch[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push(group);
      finishers.push(resolve);
      failers.push(reject);
    });
  return { groups, finishers, failers, processGroup };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchGatherer', () => {
  it('processes the batches handed over in one turn as one group, in partition then topic order', async () => {
    const { groups, finishers, processGroup } = controlledProcessor();
    const gatherer = new BatchGatherer(processGroup, { maxMessages: 1000, concurrency: 2 });
    const done = [batch('b', 1), batch('a', 1), batch('a', 0), batch('b', 0)].map((b) => gatherer.submit(b));
    await settled();
    expect(groups).toEqual([[batch('a', 0), batch('b', 0), batch('a', 1), batch('b', 1)]]);
    finishers[0]();
    await expect(Promise.all(done)).resolves.toEqual([undefined, undefined, undefined, undefined]);
  });

  it('cuts groups at maxMessages, keeps at most `concurrency` running, and starts the rest as they finish', async () => {
    const { groups, finishers, processGroup } = controlledProcessor();
    const gatherer = new BatchGatherer(processGroup, { maxMessages: 25, concurrency: 2 });
    const done = [0, 1, 2, 3, 4].map((partition) => gatherer.submit(batch('t', partition)));
    await settled();
    expect(groups.map((group) => group.map((b) => b.partition))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    finishers[0]();
    await done[0];
    await settled();
    expect(groups.map((group) => group.map((b) => b.partition))).toEqual([[0, 1], [2, 3], [4]]);
    finishers[1]();
    finishers[2]();
    await Promise.all(done);
  });

  it('gives a batch larger than maxMessages a group of its own', async () => {
    const { groups, finishers, processGroup } = controlledProcessor();
    const gatherer = new BatchGatherer(processGroup, { maxMessages: 25, concurrency: 1 });
    const done = [gatherer.submit(batch('t', 0, 100)), gatherer.submit(batch('t', 1, 5))];
    await settled();
    expect(groups).toEqual([[batch('t', 0, 100)]]);
    finishers[0]();
    await settled();
    expect(groups[1]).toEqual([batch('t', 1, 5)]);
    finishers[1]();
    await Promise.all(done);
  });

  it('rejects every batch of a failed group with its error, and goes on with the next', async () => {
    const { groups, finishers, failers, processGroup } = controlledProcessor();
    const gatherer = new BatchGatherer(processGroup, { maxMessages: 1000, concurrency: 1 });
    const first = [gatherer.submit(batch('t', 0)), gatherer.submit(batch('t', 1))];
    await settled();
    const failure = new Error('database down');
    failers[0](failure);
    await expect(first[0]).rejects.toBe(failure);
    await expect(first[1]).rejects.toBe(failure);
    const later = gatherer.submit(batch('t', 0));
    await settled();
    expect(groups).toHaveLength(2);
    finishers[1]();
    await expect(later).resolves.toBeUndefined();
  });

  it('refuses limits below one', () => {
    const { processGroup } = controlledProcessor();
    expect(() => new BatchGatherer(processGroup, { maxMessages: 0, concurrency: 1 })).toThrow(RangeError);
    expect(() => new BatchGatherer(processGroup, { maxMessages: 1, concurrency: 0 })).toThrow(RangeError);
  });
});
