import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/butterflops.js', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SMALL = 'test/cli/fixtures/small-results.csv';

describe('butterflops chart', () => {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-chart-'));

  it('writes the Vega-Lite spec, an SVG with the labels, and an offline HTML page', () => {
    const spec = join(folder, 'c.vl.json');
    expect(run(['chart', SMALL, '--out', spec, '--facet', 'family', '--log-x', '--labels']).status).toBe(0);
    const parsed = JSON.parse(readFileSync(spec, 'utf8')) as { hconcat: unknown[] };
    expect(parsed.hconcat).toHaveLength(1);

    const svg = join(folder, 'c.svg');
    expect(run(['chart', SMALL, '--out', svg, '--labels']).status).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('1.0+BFT @128');
    expect(text).toContain('million MACs');

    const html = join(folder, 'c.html');
    expect(run(['chart', SMALL, '--out', html, '--title', 'Small <test>']).status).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<title>Small &lt;test&gt;</title>');
    // Offline: no script or stylesheet is fetched from anywhere.
    expect(page).not.toMatch(/<script[^>]+src=/i);
    expect(page).not.toMatch(/<link[^>]+href=/i);
    expect(page).toContain('new vega.View(vega.parse(spec)');
    expect(page).toContain('"tooltip"');
  });

  it('writes a PNG', () => {
    const png = join(folder, 'c.png');
    expect(run(['chart', SMALL, '--out', png]).status).toBe(0);
    expect([...readFileSync(png).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('writes nothing for a bad CSV or an unknown extension, exit 2, one line', () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, 'model,family,fusion,mmacs,top1\na,F,bft,-1,50\n');
    const out = join(folder, 'never.svg');
    const result = run(['chart', bad, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`butterflops: ${bad}:2:9 mmacs: negative mmacs; received "-1"; expected million multiply-accumulates >= 0\n`);
    expect(existsSync(out)).toBe(false);
    const gif = run(['chart', SMALL, '--out', join(folder, 'x.gif')]);
    expect(gif.status).toBe(2);
    expect(gif.stderr.trim().split('\n')).toHaveLength(1);
    expect(run(['chart', SMALL, '--out', join(folder, 'y.svg'), '--color', 'nope']).status).toBe(2);
  });
});
