import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import * as ts from 'typescript';

export interface ImportGraph {
  /** Repository-relative path of each source file → the source files it imports. */
  edges: Map<string, string[]>;
}

const ROOT = resolve(__dirname, '..', '..');

function compilerOptions(): ts.CompilerOptions {
  const configPath = resolve(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, (path) => readFileSync(path, 'utf8'));
  return ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath)).options;
}

/**
 * Every import of every TypeScript file under `roots` (type-only imports too: a cycle of types still
 * ties two files together), resolved as the compiler resolves them, path aliases included. Imports of
 * packages are left out.
 */
export function importGraph(roots: readonly string[]): ImportGraph {
  const options = compilerOptions();
  const files = roots.flatMap((root) =>
    ts.sys.readDirectory(resolve(ROOT, root), ['.ts'], ['**/node_modules', '**/dist']),
  );
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.flatMap(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.extension !== '.ts') return [];
      return [relative(ROOT, resolved.resolvedFileName)];
    });
    edges.set(relative(ROOT, file), [...new Set(targets)]);
  }
  return { edges };
}

/** The strongly connected components with more than one file (or a file importing itself): the cycles. */
export function importCycles({ edges }: ImportGraph): string[][] {
  let nextIndex = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, nextIndex);
    lowLink.set(file, nextIndex);
    nextIndex += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(target)!));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file)!, index.get(target)!));
      }
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (edges.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/** The lib or app a file belongs to (`libs/kafka`, `apps/tracker`), or its top folder (`test`). */
export function packageOf(file: string): string {
  const [top, name] = file.split('/');
  return top === 'libs' || top === 'apps' ? `${top}/${name}` : top;
}
