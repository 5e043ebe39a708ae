// Dependencies run one way: no file of the server, the client or the seed imports, directly or through
// others, a file that imports it back. A circle ties two modules together (neither can change or be tested
// alone, and module start-up order decides what is undefined); when one appears, move what both sides need
// to a place both can depend on (e.g. `scoring/oral-transaction.ts`, `prisma/seed-ids.ts`).
// Imports are read with TypeScript's own scanner (`preProcessFile`), type-only imports included.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SOURCE_ROOTS = ['server/src', 'client/src', 'prisma'];
const SKIPPED = /(^|\/)(generated|node_modules|migrations)(\/|$)|\.test\.ts$|\.d\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (SKIPPED.test(relative(root, path))) return [];
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(entry.name) ? [path] : [];
  });
}

/** The code TypeScript should scan: the file itself, or the `<script>` blocks of a Vue component. */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n');
}

/** The project files a file imports (relative specifiers only; packages cannot close a circle with us). */
function importsOf(path: string): string[] {
  const { importedFiles } = ts.preProcessFile(scriptOf(path), true, true);
  return importedFiles
    .map((file) => file.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(path), specifier))
    .map((target) => [target, `${target}.ts`, join(target, 'index.ts')].find((candidate) => existsSync(candidate) && /\.(ts|vue)$/.test(candidate)))
    .filter((target): target is string => target !== undefined && !SKIPPED.test(relative(root, target)));
}

/** Strongly connected components of more than one file (Tarjan), or a file importing itself. */
export function importCircles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node)!, lowLinks.get(next)!));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowLinks.get(node) !== indices.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) circles.push(component.sort());
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return circles;
}

describe('import graph', () => {
  it('finds a circle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    expect(importCircles(graph)).toEqual([['a', 'b', 'c']]);
    expect(importCircles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no circle in the server, the client or the seed', () => {
    const files = SOURCE_ROOTS.flatMap((dir) => sourceFiles(join(root, dir)));
    expect(files.length).toBeGreaterThan(200);
    const graph = new Map(files.map((file) => [relative(root, file), importsOf(file).map((target) => relative(root, target))]));
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
    expect(importCircles(graph)).toEqual([]);
  });
});
