/**
 * The import graph of `src/` against the layer order stated in ARCHITECTURE.md: no part imports
 * a part below it in the list, and the core (every part before `io`) imports neither `io/`,
 * `cli/`, nor any `node:` module or file-system package.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/** The parts in order, read from ARCHITECTURE.md's list (lines "- `name` — …" after the marker). */
function layerOrder(): string[] {
  const text = readFileSync('ARCHITECTURE.md', 'utf8');
  const start = text.indexOf('<!-- layer order');
  const order: string[] = [];
  for (const line of text.slice(start).split('\n').slice(1)) {
    const match = /^- `([a-z-]+)` — /.exec(line);
    if (!match) break;
    order.push(match[1] ?? '');
  }
  return order;
}

/** The parts the README's layout section lists, in its order (lines "src/name …" of its code block). */
function readmeLayout(): string[] {
  const text = readFileSync('README.md', 'utf8');
  const section = text.slice(text.indexOf('\n## Layout'));
  const block = section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));
  return [...block.matchAll(/^src\/([a-z-]+)(?:\.ts)?\s/gm)].map((match) => match[1] ?? '');
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The part a file of `src/` belongs to: its top folder, or its name for a root file. */
function partOf(file: string): string {
  const [first = '', second] = relative('src', file).split(sep);
  return second === undefined ? first.replace(/\.[jt]s$/, '') : first;
}

/** Module specifiers a file imports (static, re-exports, dynamic, type-only). */
function imports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/g))
    found.push(match[1] ?? '');
  for (const match of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(match[1] ?? '');
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1] ?? '');
  return found;
}

const FILE_SYSTEM_PACKAGES = ['fs', 'fs/promises', 'path', 'os', 'child_process'];

/** Every import of `files` (path → text) that breaks the layer order or touches files from the core. */
function violations(files: ReadonlyMap<string, string>, order: readonly string[]): string[] {
  const rank = new Map(order.map((part, i) => [part, i]));
  const io = rank.get('io') ?? -1;
  const problems: string[] = [];
  for (const [file, text] of files) {
    const part = partOf(file);
    const own = rank.get(part) ?? -1;
    for (const specifier of imports(text)) {
      if (specifier.startsWith('.')) {
        const target = partOf(normalize(join(dirname(file), specifier)));
        const theirs = rank.get(target);
        if (theirs === undefined) problems.push(`${file}: imports ${specifier}, in no listed part`);
        else if (theirs > own) problems.push(`${file} (${part}) imports ${specifier} (${target}), which is below it`);
      } else if (own < io && (specifier.startsWith('node:') || FILE_SYSTEM_PACKAGES.includes(specifier))) {
        problems.push(`${file} (${part}, core) imports ${specifier}`);
      }
    }
  }
  return problems;
}

describe('import graph', () => {
  const order = layerOrder();
  const files = sourceFiles('src');

  it('the layer list names every part of src/ exactly once', () => {
    expect(order.length).toBeGreaterThan(10);
    expect(new Set(order).size).toBe(order.length);
    expect([...new Set(files.map(partOf))].sort()).toEqual([...order].sort());
  });

  it("the README's layout section lists the same parts in the same order", () => {
    expect(readmeLayout()).toEqual(order);
  });

  it('no part imports a part below it, and the core touches no files', () => {
    expect(violations(new Map(files.map((file) => [file, readFileSync(file, 'utf8')])), order)).toEqual([]);
  });

  it('reports an upward import, a file-system import in the core, and an unlisted part (the check can fail)', () => {
    const broken = new Map([
      [join('src', 'model', 'a.ts'), "import type { CostRule } from '../cost/rule.js';"],
      [
        join('src', 'cost', 'b.ts'),
        "import { readFileSync } from 'node:fs';\nconst m = await import('../count/c.js');",
      ],
      [join('src', 'io', 'd.ts'), "import { readFileSync } from 'node:fs';\nexport { x } from '../nowhere/e.js';"],
    ]);
    expect(violations(broken, order)).toEqual([
      `${join('src', 'model', 'a.ts')} (model) imports ../cost/rule.js (cost), which is below it`,
      `${join('src', 'cost', 'b.ts')} (cost, core) imports node:fs`,
      `${join('src', 'cost', 'b.ts')} (cost) imports ../count/c.js (count), which is below it`,
      `${join('src', 'io', 'd.ts')}: imports ../nowhere/e.js, in no listed part`,
    ]);
  });
});
