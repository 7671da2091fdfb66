/**
 * The first line of `butterflops plan`'s output names the model as the user gave it (a file name
 * may hold anything): control characters are shown as `\xNN` in the table format, as every other
 * output does (`terminalCell`), and the markdown format keeps it one paragraph of plain text
 * (`markdownLine`). Oracles: the escaped forms written out by hand; markdown-it renders the line.
 */
import { describe, expect, it } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { formatPlan, type PlanResult } from '../../src/format/plan-format.js';

/** A plan result of no layers for the model `model`. */
function result(model: string): PlanResult {
  return {
    plan: { model, parameters: { variant: 'a*b*' }, objective: 'macs', layers: [] },
    criteria: [],
    networkMacs: 0n,
    unplannedMacs: 0n,
    denseMacs: 0n,
    measured: 0,
    cached: 0,
  };
}

describe('plan output header', () => {
  it('table: a control character in the model name is shown, not sent to the terminal', () => {
    const first = formatPlan(result('x\u001b[2Jy.onnx'), 'table').split('\n')[0];
    expect(first).toBe('plan for x\\x1B[2Jy.onnx (variant=a*b*), objective macs');
  });

  it('markdown: a name that starts a heading or holds emphasis stays the line’s plain text', () => {
    const first = formatPlan(result('# models/*net*.onnx'), 'markdown').split('\n')[0] ?? '';
    const tokens = new MarkdownIt().parse(first, {});
    expect(tokens.map((t) => t.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
    expect(tokens[1]?.children?.map((t) => t.type)).toEqual(['text']);
    expect(tokens[1]?.children?.[0]?.content).toBe('plan for # models/*net*.onnx (variant=a*b*), objective macs');
  });
});
