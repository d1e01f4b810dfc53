import { CpuProfile, ownerOf, summarizeProfile } from './profile-summary';

describe('profile summary', () => {
  it('names the owner of a frame: package, project folder, Node, or V8 bucket', () => {
    expect(ownerOf('query', 'file:///app/node_modules/pg/lib/client.js')).toBe('pg');
    expect(ownerOf('x', '/app/node_modules/@nestjs/core/injector.js')).toBe('@nestjs/core');
    expect(ownerOf('record', 'file:///app/dist/apps/tracker/src/main.js')).toBe('apps/tracker');
    expect(ownerOf('hash', '/app/dist/libs/contracts/src/x.js')).toBe('libs/contracts');
    expect(ownerOf('emit', 'node:events')).toBe('node');
    expect(ownerOf('(garbage collector)', '')).toBe('(garbage collector)');
    expect(ownerOf('parse', '')).toBe('(native)');
  });

  it('adds up self time per owner and per function, largest first, as shares of the whole', () => {
    const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)', '') },
        { id: 2, callFrame: frame('query', '/a/node_modules/pg/lib/client.js', 9) },
        { id: 3, callFrame: frame('prepare', '/a/node_modules/pg/lib/utils.js', 19) },
        { id: 4, callFrame: frame('', '/a/dist/apps/tracker/src/main.js', 4) },
      ],
      samples: [1, 2, 3, 2, 4, 1],
      timeDeltas: [400_000, 100_000, 200_000, 100_000, 100_000, 100_000],
    };

    const summary = summarizeProfile(profile, 2);

    expect(summary.seconds).toBe(1);
    expect(summary.byOwner).toEqual([
      { name: '(idle)', share: 0.5 },
      { name: 'pg', share: 0.4 },
    ]);
    expect(summary.byFunction).toEqual([
      { name: '(idle) (idle)', share: 0.5 },
      { name: 'query pg:10', share: 0.2 },
    ]);
  });
});
