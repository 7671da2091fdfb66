/**
 * A plain table (header + rows of already formatted cells) and its renderers: an aligned
 * terminal table, GitHub Markdown, and RFC 4180 CSV. Pure; every command's tabular output goes
 * through here so alignment and escaping are done once.
 */

import { csvCell, markdownCell, terminalCell } from './escape.js';

export { csvCell } from './escape.js';

export type Align = 'left' | 'right';

export interface TableColumn {
  readonly header: string;
  readonly align?: Align;
  /** `math`: the cells are LaTeX math already (e.g. a printed formula), set as `$cell$` unescaped by {@link renderLatexTable}. */
  readonly latex?: 'math';
}

export interface Table {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
}

export const TABLE_FORMATS = ['table', 'markdown', 'csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** Renders `table` in `format`; the result ends with a newline. */
export function renderTable(table: Table, format: TableFormat): string {
  switch (format) {
    case 'table':
      return renderAligned(table);
    case 'markdown':
      return renderMarkdown(table);
    case 'csv':
      return renderCsv(table);
  }
}

function renderAligned(table: Table): string {
  // A loop, not Math.max(...cells): a spread of a million rows overflows the stack.
  const widths = table.columns.map((column, i) =>
    table.rows.reduce(
      (width, row) => Math.max(width, terminalCell(row[i] ?? '').length),
      terminalCell(column.header).length,
    ),
  );
  const line = (cells: readonly string[]) =>
    table.columns
      .map((column, i) => {
        const cell = terminalCell(cells[i] ?? '');
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(table.columns.map((c) => c.header)), rule, ...table.rows.map(line)].join('\n') + '\n';
}

function renderMarkdown(table: Table): string {
  const header = `| ${table.columns.map((c) => markdownCell(c.header)).join(' | ')} |`;
  const rule = `|${table.columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join('|')}|`;
  const rows = table.rows.map((row) => `| ${table.columns.map((_, i) => markdownCell(row[i] ?? '')).join(' | ')} |`);
  return [header, rule, ...rows].join('\n') + '\n';
}

function renderCsv(table: Table): string {
  const line = (cells: readonly string[]) => cells.map(csvCell).join(',');
  return [line(table.columns.map((c) => c.header)), ...table.rows.map(line)].join('\n') + '\n';
}

/** LaTeX for each character that LaTeX would misread, and for the symbols our cells use. */
const LATEX_CHARACTERS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '×': '$\\times$',
  '·': '$\\cdot$',
  '−': '$-$',
};

/**
 * Escapes LaTeX's special characters in a cell (in one pass, so an escape is never escaped
 * again); `×` becomes `$\times$`, `·` `$\cdot$`, `−` `$-$`, thousands separators `{,}`.
 */
export function latexCell(cell: string): string {
  return terminalCell(cell)
    .replace(/[\\&%$#_{}~^×·−]/g, (character) => LATEX_CHARACTERS[character] ?? character)
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1{,}');
}

/**
 * A paper-ready LaTeX `tabular` of `table` (booktabs-free: `\hline` rules), right-aligned columns
 * as `r`; `comments` become `%` lines above it; `totals` rows follow the body after a rule. Every
 * cell goes through {@link latexCell} except those of `latex: 'math'` columns. Ends with a newline.
 * The one LaTeX renderer of the project: every `--format latex` output is built here.
 */
export function renderLatexTable(
  table: Table,
  comments: readonly string[] = [],
  totals: readonly (readonly string[])[] = [],
): string {
  const spec = table.columns.map((c) => (c.align === 'right' ? 'r' : 'l')).join('');
  const cell = (column: TableColumn, text: string) =>
    column.latex === 'math' && text !== '' ? `$${text}$` : latexCell(text);
  const line = (cells: readonly string[]) =>
    `${table.columns.map((column, i) => cell(column, cells[i] ?? '')).join(' & ')} \\\\`;
  return [
    ...comments.map((comment) => `% ${terminalCell(comment)}`),
    `\\begin{tabular}{${spec}}`,
    '\\hline',
    table.columns.map((c) => latexCell(c.header)).join(' & ') + ' \\\\',
    '\\hline',
    ...table.rows.map(line),
    ...(totals.length > 0 ? ['\\hline', ...totals.map(line)] : []),
    '\\hline',
    '\\end{tabular}',
    '',
  ].join('\n');
}
