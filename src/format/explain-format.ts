/**
 * Rendering of an `Explanation` (`butterflops explain`) as an aligned table, Markdown, CSV or
 * JSON. Human forms use thousands separators; CSV and JSON carry exact integers. Pure.
 */
import { assertNever } from '../errors.js';
import { stringifyExact } from '../text/json.js';
import { withSuffix, withThousands } from '../text/numbers.js';
import { markdownLine, terminalLines } from '../text/escape.js';
import { renderTable, type Table } from '../text/table.js';
import type { Explanation } from '../conventions/explain.js';

/** Output formats of `explain`. */
export const EXPLAIN_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
/** One of `EXPLAIN_FORMATS`. */
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

function optionsText(explanation: Explanation): string {
  return Object.entries(explanation.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** The category × tool table, with the totals (each tool's printed number) as the last rows. */
function explainTable(explanation: Explanation, human: boolean): Table {
  const count = (v: bigint) => (human ? withThousands(v) : v.toString());
  const columns = explanation.columns;
  return {
    columns: [
      { header: 'operation' },
      { header: 'layers', align: 'right' },
      ...columns.map((c) => ({
        header: human ? `${c.preset} (${c.unit})` : `${c.preset}_${c.unit.toLowerCase()}s`,
        align: 'right' as const,
      })),
    ],
    rows: [
      ...explanation.rows.map((row) => [row.category, `${row.layers}`, ...row.counts.map(count)]),
      ['total (reported)', '', ...columns.map((c) => count(c.reported))],
      ...(human ? [['', '', ...columns.map((c) => withSuffix(c.reported))]] : []),
    ],
  };
}

/** Lines naming each column's tool and version, and the rules of every row the tools disagree on. */
function legendLines(explanation: Explanation): { tools: string[]; rules: string[] } {
  const tools = explanation.columns.map((c) => `${c.preset}: ${c.tool} — ${c.version}; unit ${c.unit}`);
  const rules: string[] = [];
  for (const row of explanation.rows) {
    // A FLOP-unit tool counts 2 per MAC: MAC rows are compared in MACs.
    const counts = row.category.endsWith('MACs')
      ? row.counts.map((v, i) => (explanation.columns[i]?.unit === 'FLOP' ? v / 2n : v))
      : row.counts;
    if (counts.every((v) => v === counts[0])) continue;
    const said = explanation.columns
      .map((c, i) => [c.preset, row.rules[i] ?? ''] as const)
      .filter(([, rule]) => rule !== '');
    if (said.length === 0) continue;
    rules.push(`${row.category}: ${said.map(([preset, rule]) => `${preset} — ${rule}`).join('; ')}`);
  }
  return { tools, rules };
}

function explainJson(explanation: Explanation): object {
  return {
    model: explanation.model,
    options: explanation.parameters,
    columns: explanation.columns.map((c) => ({
      preset: c.preset,
      tool: c.tool,
      version: c.version,
      unit: c.unit,
      reported: c.reported,
    })),
    rows: explanation.rows.map((row) => ({
      category: row.category,
      layers: row.layers,
      counts: Object.fromEntries(explanation.columns.map((c, i) => [c.preset, row.counts[i] ?? 0n])),
      rules: Object.fromEntries(explanation.columns.map((c, i) => [c.preset, row.rules[i] ?? ''])),
    })),
  };
}

/** Renders `explanation` in `format`. */
export function formatExplanation(explanation: Explanation, format: ExplainFormat): string {
  switch (format) {
    case 'json':
      return stringifyExact(explainJson(explanation));
    case 'csv':
      return renderTable(explainTable(explanation, false), 'csv');
    case 'table':
    case 'markdown': {
      const title = `${explanation.model} (${optionsText(explanation)}): what each tool counts`;
      const { tools, rules } = legendLines(explanation);
      const table = renderTable(explainTable(explanation, true), format);
      if (format === 'table') {
        // The model's name and parameters come from the user's files: escaped for the terminal.
        return terminalLines(
          [
            title,
            ...tools,
            '',
            table,
            ...(rules.length > 0 ? ['where they differ:', ...rules.map((r) => `  ${r}`)] : []),
          ].join('\n') + '\n',
        );
      }
      return (
        [
          `## ${markdownLine(title)}`,
          '',
          ...tools.map((t) => `- ${markdownLine(t)}`),
          '',
          table,
          ...(rules.length > 0 ? ['Where they differ:', '', ...rules.map((r) => `- ${markdownLine(r)}`)] : []),
        ].join('\n') + '\n'
      );
    }
    default:
      return assertNever(format, 'format');
  }
}
