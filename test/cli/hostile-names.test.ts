import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeModel, node, weight } from '../onnx/onnx-test-graph.js';
import { runInProcess as run } from './run-main.js';

/*
 * Issue 23, item 6, at the command line: a model whose file name and layer name are injections
 * (an OSC sequence that retitles the terminal, a clear-screen, a spreadsheet formula, HTML,
 * Markdown and LaTeX specials) reaches every text output of compare, explain and match escaped
 * for its format — the plain lines (titles, headings, notes) as well as the table cells.
 */
const MODEL_NAME = '=cmd|x\u001b]0;pwned\u0007\u001b[2J<b>$_%#{}~^';
const LAYER_NAME = '=HYPERLINK("http://x","y")\u001b]0;t\u0007|<img>\\input{x}$';
const folder = mkdtempSync(join(tmpdir(), 'butterflops-hostile-names-'));
const file = join(folder, `${MODEL_NAME}.onnx`);
writeFileSync(
  file,
  encodeModel({
    inputs: [['x', [1, 16, 8, 8]]],
    initializers: [weight('w', [16, 16, 1, 1])],
    nodes: [node('Conv', ['x', 'w'], ['y'], {}, LAYER_NAME)],
    outputs: ['y'],
  }),
);

// eslint-disable-next-line no-control-regex -- control characters are what must not get through
const CONTROL_BUT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const CASES = [
  ...['table', 'markdown', 'csv', 'json', 'latex'].map((format) => ['compare', format, []] as const),
  ...['table', 'markdown', 'csv', 'json'].map((format) => ['explain', format, []] as const),
  ...['table', 'markdown'].map((format) => ['explain', format, ['--training']] as const),
  ...['table', 'markdown', 'csv', 'json', 'latex'].map(
    (format) => ['match', format, ['--budget', '16384', '--tolerance', '50%']] as const,
  ),
];

describe('hostile names in compare, explain and match', () => {
  it.each(CASES)('%s --format %s %j: escaped for the format', async (command, format, extra) => {
    const { status, stdout, stderr } = await run([command, file, ...extra, '--format', format]);
    expect([status, stderr]).toEqual([0, '']);
    // No format lets a control character through: not the terminal, not a file a viewer shows.
    expect(stdout).not.toMatch(CONTROL_BUT_LINE_FEED);
    switch (format) {
      case 'table':
        // The model's name is in the title line, shown visibly.
        expect(stdout.split('\n').some((line) => line.includes('=cmd|x\\x1B]0;pwned\\x07\\x1B[2J<b>'))).toBe(true);
        break;
      case 'markdown':
        // No tag can open, no cell can end inside a name.
        expect(stdout).not.toMatch(/(^|[^\\])</m);
        expect(stdout).toContain('=cmd\\|x\\x1B]0;pwned\\x07\\x1B[2J\\<b\\>');
        break;
      case 'csv': {
        const rows: string[][] = parse(stdout, { relax_column_count: true });
        const cells = rows.flat();
        expect(cells.filter((cell) => /^[=+@]|^-(?!\d)/.test(cell))).toEqual([]);
        if (command === 'compare')
          expect(cells).toContain(`'=HYPERLINK("http://x","y")\\x1B]0;t\\x07|<img>\\input{x}$`);
        break;
      }
      case 'json':
        // JSON keeps the data exactly (its escapes are not control characters).
        expect(stdout).toContain(command === 'compare' ? JSON.stringify(LAYER_NAME) : '=cmd|x\\u001b]0;pwned\\u0007');
        expect(() => JSON.parse(stdout) as unknown).not.toThrow();
        break;
      case 'latex':
        // The name is only in % comments, on their own line; the tabular holds no unescaped special.
        for (const line of stdout.split('\n').filter((l) => !l.startsWith('%')))
          expect(line).not.toContain(MODEL_NAME.slice(14));
        expect(stdout).toMatch(/^% .*=cmd\|x\\x1B\]0;pwned\\x07/m);
        break;
    }
  });
});

describe('hostile names in the HTML and SVG of charts (the report writes the same files)', () => {
  it('a model called </script>… or <img onerror> stays text in chart --out x.html and x.svg', async () => {
    const csv = join(folder, 'names.csv');
    const script = '</script><script>alert(1)</script>';
    const image = '<img src=x onerror=alert(2)>&amp;';
    writeFileSync(
      csv,
      ['model,family,fusion,mmacs,top1', `"${script}",F,pointwise,10,40`, `"${image}",F,bft,20,50`].join('\n'),
    );
    const html = join(folder, 'names.html');
    const svg = join(folder, 'names.svg');
    for (const out of [html, svg]) {
      const result = await run(['chart', csv, '--out', out, '--labels', '--title', `${script}${image}`]);
      expect([result.status, result.stderr]).toEqual([0, `wrote ${out}\n`]);
    }
    const page = readFileSync(html, 'utf8');
    // The page's own two scripts (Vega, the spec), nothing else: the names are in the JSON as \u003c….
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).not.toContain('<img');
    expect(page).toContain(`<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x`);
    expect(page).toContain('\\u003c/script>\\u003cscript>alert(1)\\u003c/script>');
    const drawing = readFileSync(svg, 'utf8');
    expect(drawing).not.toMatch(/<script|<img/);
    expect(drawing).toContain('&lt;img src=x onerror=alert(2)&gt;&amp;amp;');
  });
});
