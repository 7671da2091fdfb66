/**
 * Fast start: commands that need no symbolic work must not load mathjs, and no command loads
 * yaml (for JSON models), ajv, vega, vega-lite or resvg unless it needs them. Each case runs the
 * built CLI under `load-trace.mjs`, which records every module the process loads (ES modules
 * through a loader hook, CommonJS ones from `require.cache`); the positive controls show that
 * the trace does see mathjs and yaml when they are loaded.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TRACE = fileURLToPath(new URL('./load-trace.mjs', import.meta.url));

/** The packages (under node_modules) a CLI run loads, and its exit status. */
function loadedPackages(args: readonly string[]): Promise<{ status: number | null; packages: Set<string> }> {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-trace-'));
  const file = join(folder, 'trace.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TRACE, join(ROOT, 'bin/butterflops.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', LOAD_TRACE_FILE: file },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const urls = readFileSync(file, 'utf8').split('\n');
      rmSync(folder, { recursive: true, force: true });
      const packages = new Set(
        urls.flatMap((url) => {
          const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
          return match?.[1] === undefined ? [] : [match[1]];
        }),
      );
      resolve({ status, packages });
    });
  });
}

const HEAVY = ['mathjs', 'yaml', 'ajv', 'vega', 'vega-lite', '@resvg/resvg-js'];

describe('start-up loads only what a command needs', () => {
  const runs = Promise.all([
    loadedPackages(['count', 'mobilenet-v1']),
    loadedPackages(['compare', 'mobilenet-v2', '--format', 'json']),
    loadedPackages(['models']),
    loadedPackages(['count', 'shufflenet-v2', '--fusion', 'bft', '--log-mode', 'mixed-radix', '--format', 'csv']),
    loadedPackages(['formula', 'mobilenet-v1', '--symbolic', 'width']),
    loadedPackages(['count', 'data/examples/tiny-net.yaml']),
  ]);

  it('count, compare and models (zoo JSON files) load none of mathjs, yaml, ajv, vega, vega-lite, resvg', async () => {
    const [count, compare, models, bft] = await runs;
    for (const run of [count, compare, models, bft]) {
      expect(run?.status).toBe(0);
      expect(HEAVY.filter((name) => run?.packages.has(name))).toEqual([]);
      expect(run?.packages.has('commander')).toBe(true);
    }
  });

  it('the trace sees them when they are needed: formula --symbolic loads mathjs, a YAML model loads yaml', async () => {
    const [, , , , formula, yamlModel] = await runs;
    expect(formula?.status).toBe(0);
    expect(formula?.packages.has('mathjs')).toBe(true);
    expect(yamlModel?.status).toBe(0);
    expect(yamlModel?.packages.has('yaml')).toBe(true);
    expect(yamlModel?.packages.has('mathjs')).toBe(false);
  });
});
