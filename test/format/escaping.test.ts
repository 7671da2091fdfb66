import { describe, expect, it } from '@jest/globals';
import { formatCostReport } from '../../src/format/cost-report-format.js';
import { csvCell, markdownCell, terminalCell } from '../../src/text/escape.js';
import { latexCell } from '../../src/text/table.js';
import { countGraph, node, weight } from '../onnx/onnx-test-graph.js';

/*
 * Issue 23, item 6: names from a model file reach every output format escaped for it, and every
 * format says when something was not counted. The node names below are the injections the issue
 * reports: an OSC sequence that retitles the terminal, a clear-screen, a spreadsheet formula,
 * Markdown/HTML and LaTeX specials.
 */
const RETITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const NAMES = {
  conv: `conv${RETITLE}`,
  relu: `=HYPERLINK("http://x","y")`,
  pool: `p|<img src=x onerror=alert(1)>[l](j)`,
  odd: `\\input{/etc/passwd}${CLEAR}`,
};

const report = countGraph({
  inputs: [['x', [1, 3, 4, 4]]],
  initializers: [weight('w', [8, 3, 1, 1])],
  nodes: [
    node('Conv', ['x', 'w'], ['c'], {}, NAMES.conv),
    node('Relu', ['c'], ['r'], {}, NAMES.relu),
    node('MaxPool', ['r'], ['p'], { kernel_shape: { ints: [2, 2] } }, NAMES.pool),
    node('Mystery', ['p'], ['y'], {}, NAMES.odd),
  ],
  outputs: ['y'],
  valueInfo: [['y', [1, 8, 2, 2]]],
});

describe('one escaping function per format', () => {
  it('terminal: control characters are shown, not sent', () => {
    expect(terminalCell(`a${RETITLE}b`)).toBe('a\\x1B]0;pwned\\x07b');
    expect(terminalCell('x\u202Ey\r\n')).toBe('x\\u202Ey\\x0D\\x0A');
  });

  it('CSV: formula starts neutralised, plain numbers kept', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('+3%')).toBe('+3%');
    expect(csvCell('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
  });

  it('Markdown: no tag, code span or cell break can start', () => {
    expect(markdownCell('a|<b>`c`[d](e)')).toBe('a\\|\\<b\\>\\`c\\`[d](e)');
    expect(markdownCell('two\nlines')).toBe('two\\x0Alines');
  });

  it('LaTeX: specials and control characters escaped', () => {
    expect(latexCell('\\input{x}_1')).toBe('\\textbackslash{}input\\{x\\}\\_1');
    expect(latexCell(`a${CLEAR}`)).toBe('a\\textbackslash{}x1B[2J');
  });
});

describe('count output of a model with hostile node names', () => {
  it.each(['table', 'markdown', 'csv', 'latex', 'json'] as const)(
    '%s: no control character reaches the output',
    (format) => {
      const text = formatCostReport(report, format);
      // eslint-disable-next-line no-control-regex -- the absence of control characters is the point
      expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    },
  );

  it('csv: the formula name is text, and the partial totals say what was not counted', () => {
    const csv = formatCostReport(report, 'csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).not.toMatch(/^=/m);
    expect(csv.trimEnd().split('\n').pop()).toMatch(
      /^# NOT COUNTED \(operator Mystery has no importer rule\): 1 node\(s\): /,
    );
  });

  it('latex: the not-counted operator is a comment and a visible note', () => {
    const latex = formatCostReport(report, 'latex');
    expect(latex).toMatch(/^% NOT COUNTED \(operator Mystery/m);
    expect(latex).toMatch(/\\textit\{Totals exclude what was not counted: NOT COUNTED \(operator Mystery/);
    // Only inside a % comment (inert to the end of its line) does the name appear as written.
    for (const line of latex.split('\n')) if (!line.startsWith('%')) expect(line).not.toContain('\\input{');
  });

  it('markdown: the injected tag is escaped', () => {
    const markdown = formatCostReport(report, 'markdown');
    expect(markdown).toContain('p\\|\\<img src=x onerror=alert(1)\\>[l](j)');
    expect(markdown).not.toMatch(/(^|[^\\])<img/m);
  });

  it('table: the retitle sequence is shown as text', () => {
    const table = formatCostReport(report, 'table');
    expect(table).toContain('conv\\x1B]0;pwned\\x07');
    expect(table).toMatch(/NOT COUNTED \(operator Mystery/);
  });
});
