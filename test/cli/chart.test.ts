import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliAsync as run } from './run-cli.js';

const SMALL = 'test/cli/fixtures/small-results.csv';

describe('butterflops chart', () => {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-chart-'));

  it('writes the Vega-Lite spec, an SVG with the labels, an offline HTML page and a PNG', async () => {
    const spec = join(folder, 'c.vl.json');
    const svg = join(folder, 'c.svg');
    const html = join(folder, 'c.html');
    const png = join(folder, 'c.png');
    const runs = await Promise.all([
      run(['chart', SMALL, '--out', spec, '--facet', 'family', '--log-x', '--labels']),
      run(['chart', SMALL, '--out', svg, '--labels']),
      run(['chart', SMALL, '--out', html, '--title', 'Small <test>']),
      run(['chart', SMALL, '--out', png, '--log-x']),
    ]);
    expect(runs.map((r) => [r.status, r.stdout, r.stderr])).toEqual(
      [spec, svg, html, png].map((path) => [0, '', `wrote ${path}\n`]),
    );
    const parsed = JSON.parse(readFileSync(spec, 'utf8')) as { hconcat: unknown[] };
    expect(parsed.hconcat).toHaveLength(1);

    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('1.0+BFT @128');
    expect(text).toContain('million MACs');

    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<title>Small &lt;test&gt;</title>');
    // Offline: no script or stylesheet is fetched from anywhere.
    expect(page).not.toMatch(/<script[^>]+src=/i);
    expect(page).not.toMatch(/<link[^>]+href=/i);
    expect(page).toContain('new vega.View(vega.parse(spec)');
    expect(page).toContain('"tooltip"');
    // Text in PNGs: render-png.test.ts.
    expect([...readFileSync(png).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('writes nothing for a bad CSV or an unknown extension, exit 2, one line', async () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, 'model,family,fusion,mmacs,top1\na,F,bft,-1,50\n');
    const out = join(folder, 'never.svg');
    const [result, gif] = await Promise.all([
      run(['chart', bad, '--out', out]),
      run(['chart', SMALL, '--out', join(folder, 'x.gif')]),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `butterflops: ${bad}:2:9 mmacs: negative mmacs; received "-1"; expected million multiply-accumulates >= 0\n`,
    );
    expect(existsSync(out)).toBe(false);
    expect(gif.status).toBe(2);
    expect(gif.stderr.trim().split('\n')).toHaveLength(1);
  });
});
