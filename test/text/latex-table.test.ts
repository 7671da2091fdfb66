import { describe, expect, it } from '@jest/globals';
import { latexCell, renderLatexTable } from '../../src/text/table.js';
import { runAllInProcess } from '../cli/run-main.js';
import { mobilenetV1ByHand } from '../cli/mobilenet-v1-hand-count.js';

describe('renderLatexTable', () => {
  it('escapes what LaTeX would misread and keeps numbers readable', () => {
    expect(latexCell('-3.1 %')).toBe('-3.1 \\%');
    expect(latexCell('a_b & c#d $e {f}')).toBe('a\\_b \\& c\\#d \\$e \\{f\\}');
    expect(latexCell('1,234,567')).toBe('1{,}234{,}567');
    expect(latexCell('0.16×')).toBe('0.16$\\times$');
    expect(latexCell('2·2·2')).toBe('2$\\cdot$2$\\cdot$2');
    expect(latexCell('w=0.25 r=128')).toBe('w=0.25 r=128');
  });

  it('writes a tabular: column spec from the alignment, header and rows between rules', () => {
    const text = renderLatexTable(
      { columns: [{ header: 'name' }, { header: 'macs', align: 'right' }], rows: [['conv_1', '1,024']] },
      ['a note'],
    );
    expect(text).toBe(
      '% a note\n\\begin{tabular}{lr}\n\\hline\nname & macs \\\\\n\\hline\nconv\\_1 & 1{,}024 \\\\\n\\hline\n\\end{tabular}\n',
    );
  });

  it('escapes every LaTeX special character, sets math columns as math, and puts totals after a rule', () => {
    expect(latexCell('a\\b ~c ^d')).toBe('a\\textbackslash{}b \\textasciitilde{}c \\textasciicircum{}d');
    const text = renderLatexTable(
      {
        columns: [{ header: 'layer' }, { header: 'formula', latex: 'math' }],
        rows: [
          ['x_1', 'c^{2}'],
          ['y', ''],
        ],
      },
      [],
      [['total', '']],
    );
    expect(text).toBe(
      '\\begin{tabular}{ll}\n\\hline\nlayer & formula \\\\\n\\hline\nx\\_1 & $c^{2}$ \\\\\ny &  \\\\\n\\hline\ntotal &  \\\\\n\\hline\n\\end{tabular}\n',
    );
  });
});

describe('--format latex on the paper-shaped commands (issue 9, item 4)', () => {
  it('reproduce, match and criteria print a tabular with independently known values', async () => {
    const [reproduce, match, criteria] = await runAllInProcess([
      ['reproduce', '--format', 'latex'],
      ['match', 'mobilenet-v1', '--budget', '41M', '--widths', '0.25', '--format', 'latex'],
      ['criteria', '--structure', 'dense', '--n', '16', '--format', 'latex'],
    ]);
    for (const run of [reproduce, match, criteria]) {
      expect(run?.status).toBe(0);
      expect(run?.stdout).toContain('\\begin{tabular}');
      expect(run?.stdout).toContain('\\end{tabular}');
    }
    // MobileNetV1-0.25@128 by hand: 13,570,048 MACs → 13.57 M; at 224: 41,030,272 → 41.03M.
    const at128 = mobilenetV1ByHand(0.25, 128).total;
    expect(reproduce?.stdout).toContain(
      `1c & MobileNetV1-0.25 & w=0.25 r=128 & pointwise & 14 & ${(Number(at128) / 1e6).toFixed(2)} &`,
    );
    expect(match?.stdout).toContain(`0.25 & 224 & ${(Number(mobilenetV1ByHand(0.25, 224).total) / 1e6).toFixed(2)}M &`);
    // A dense 16 → 16 layer has 16² = 256 edges, 256 / (16·log2 16) = 4 times the lower bound.
    expect(criteria?.stdout).toContain('dense &  & 1 & 256 & 4.000 &');
  });
});
