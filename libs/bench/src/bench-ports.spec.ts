import {
  BenchArgumentError,
  MAX_TRACKER_INSTANCES,
  NAIVE_TRACKER_PORT,
  parseTrackerInstances,
  PORTS,
  trackerInstances,
} from './bench-ports';

describe('bench ports', () => {
  it('names the tracker instances and keeps the first on the usual port', () => {
    expect(trackerInstances(1)).toEqual([{ name: 'tracker', port: 13001 }]);
    expect(trackerInstances(3)).toEqual([
      { name: 'tracker', port: 13001 },
      { name: 'tracker-2', port: 13011 },
      { name: 'tracker-3', port: 13012 },
    ]);
  });

  it('gives every process of the largest run a port of its own', () => {
    const ports = [
      PORTS.gateway,
      PORTS.issuance,
      NAIVE_TRACKER_PORT,
      ...trackerInstances(MAX_TRACKER_INSTANCES).map(({ port }) => port),
    ];
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('takes a whole number of instances within the partitions', () => {
    expect(parseTrackerInstances('2')).toBe(2);
    expect(new BenchArgumentError('x').code).toBe('BENCH.INVALID_ARGUMENT');
    for (const text of ['0', '1.5', 'two', '', '13']) {
      expect(() => parseTrackerInstances(text)).toThrow(BenchArgumentError);
    }
  });
});
