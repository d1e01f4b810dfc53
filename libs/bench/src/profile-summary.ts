/**
 * Where a V8 CPU profile (`.cpuprofile`, as `npm run bench -- --profile DIR` writes one per service)
 * spends its time, by self time: per function and per owner (a package under node_modules, one of the
 * project's apps or libs, Node's own code, or V8's idle, GC and program buckets).
 */

/** The parts of the `.cpuprofile` format this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Share of the profile's whole duration, 0..1. */
  share: number;
}

export interface ProfileSummary {
  seconds: number;
  byOwner: SelfTime[];
  byFunction: SelfTime[];
}

/** The package, project folder or V8 bucket a frame belongs to, from its script URL. */
export function ownerOf(functionName: string, url: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node';
  const project = /\/dist\/((?:apps|libs)\/[^/]+)\//.exec(url);
  return project ? project[1] : url;
}

export function summarizeProfile(profile: CpuProfile, top = 20): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = frames.get(nodeId);
    if (!frame) throw new Error(`sample of unknown node ${nodeId}`);
    total += micros;
    const owner = ownerOf(frame.functionName, frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${owner}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  });
  const ranked = (times: Map<string, number>) =>
    [...times]
      .sort(([, a], [, b]) => b - a)
      .slice(0, top)
      .map(([name, micros]) => ({ name, share: total > 0 ? micros / total : 0 }));
  return { seconds: total / 1e6, byOwner: ranked(byOwner), byFunction: ranked(byFunction) };
}
