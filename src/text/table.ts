/**
 * A plain table (header + rows of already formatted cells) and its renderers: an aligned
 * terminal table, GitHub Markdown, and RFC 4180 CSV. Pure; every command's tabular output goes
 * through here so alignment and escaping are done once.
 */

export type Align = 'left' | 'right';

export interface TableColumn {
  readonly header: string;
  readonly align?: Align;
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
  const widths = table.columns.map((column, i) =>
    Math.max(column.header.length, ...table.rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    table.columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(table.columns.map((c) => c.header)), rule, ...table.rows.map(line)].join('\n') + '\n';
}

function escapeMarkdown(cell: string): string {
  return cell.replaceAll('|', '\\|');
}

function renderMarkdown(table: Table): string {
  const header = `| ${table.columns.map((c) => escapeMarkdown(c.header)).join(' | ')} |`;
  const rule = `|${table.columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join('|')}|`;
  const rows = table.rows.map((row) => `| ${table.columns.map((_, i) => escapeMarkdown(row[i] ?? '')).join(' | ')} |`);
  return [header, rule, ...rows].join('\n') + '\n';
}

/** Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function renderCsv(table: Table): string {
  const line = (cells: readonly string[]) => cells.map(csvCell).join(',');
  return [line(table.columns.map((c) => c.header)), ...table.rows.map(line)].join('\n') + '\n';
}

/** Escapes LaTeX's special characters in a cell; `×` becomes `$\times$`, `·` `$\cdot$`, `%` `\%`, thousands separators `{,}`. */
export function latexCell(cell: string): string {
  return cell
    .replaceAll('\\', '\\textbackslash{}')
    .replace(/([&%$#_{}])/g, '\\$1')
    .replaceAll('~', '\\textasciitilde{}')
    .replaceAll('^', '\\textasciicircum{}')
    .replace(/(\d),(\d{3})/g, '$1{,}$2')
    .replace(/(\d),(\d{3})/g, '$1{,}$2')
    .replaceAll('×', '$\\times$')
    .replaceAll('·', '$\\cdot$')
    .replaceAll('−', '$-$');
}

/**
 * A paper-ready LaTeX `tabular` of `table` (booktabs-free: `\hline` rules), right-aligned columns
 * as `r`; `comments` become `%` lines above it. Ends with a newline.
 */
export function renderLatexTable(table: Table, comments: readonly string[] = []): string {
  const spec = table.columns.map((c) => (c.align === 'right' ? 'r' : 'l')).join('');
  const line = (cells: readonly string[]) =>
    `${table.columns.map((_, i) => latexCell(cells[i] ?? '')).join(' & ')} \\\\`;
  return [
    ...comments.map((comment) => `% ${comment}`),
    `\\begin{tabular}{${spec}}`,
    '\\hline',
    line(table.columns.map((c) => c.header)),
    '\\hline',
    ...table.rows.map(line),
    '\\hline',
    '\\end{tabular}',
    '',
  ].join('\n');
}
