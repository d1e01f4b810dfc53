import { importCycles, importGraph, packageOf } from './import-graph';

describe('imports', () => {
  const graph = importGraph(['apps', 'libs', 'test']);

  it('form no cycle between files', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('form no cycle between libs and apps', () => {
    const packageEdges = new Map<string, string[]>();
    for (const [file, targets] of graph.edges) {
      const from = packageOf(file);
      const to = targets.map(packageOf).filter((target) => target !== from);
      packageEdges.set(from, [...new Set([...(packageEdges.get(from) ?? []), ...to])]);
    }
    expect(importCycles({ edges: packageEdges })).toEqual([]);
  });

  it('are all resolved (the check reads the whole tree)', () => {
    expect(graph.edges.size).toBeGreaterThan(300);
    expect([...graph.edges.values()].flat().length).toBeGreaterThan(1000);
  });
});
