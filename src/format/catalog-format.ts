/**
 * The zoo catalogue behind `butterflops models`: one entry per model with its id, title and
 * parameters (default and allowed values). Pure: takes resolved model descriptions.
 */
import type { ModelDescription, ModelParameter } from '../model/model-source.js';
import { renderTable } from '../text/table.js';
import { stringifyExact } from '../text/json.js';
import { byKey } from '../text/compare.js';

/** One parameter of a model as listed. */
export type CatalogParameter = ModelParameter;

/** One zoo model. */
export interface CatalogEntry {
  readonly id: string;
  readonly title: string;
  readonly parameters: readonly CatalogParameter[];
}

/** Catalogue entries of `models`, sorted by id. O(models · parameters). */
export function modelCatalog(models: readonly ModelDescription[]): CatalogEntry[] {
  return [...models]
    .sort(byKey((model) => model.id))
    .map((model) => ({ id: model.id, title: model.title, parameters: model.parameters }));
}

export const CATALOG_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

/**
 * Renders the catalogue: one row per model and parameter (`id`, `title`, `parameter`,
 * `default`, `values`), or JSON with the full entries. Byte-stable.
 */
export function formatCatalog(entries: readonly CatalogEntry[], format: CatalogFormat): string {
  if (format === 'json') return stringifyExact(entries);
  const rows: string[][] = [];
  for (const entry of entries) {
    if (entry.parameters.length === 0) rows.push([entry.id, entry.title, '', '', '']);
    entry.parameters.forEach((p, i) => {
      rows.push([i === 0 ? entry.id : '', i === 0 ? entry.title : '', p.name, String(p.default), p.rule]);
    });
  }
  const table = {
    columns: [
      { header: 'id' },
      { header: 'title' },
      { header: 'parameter' },
      { header: 'default', align: 'right' as const },
      { header: 'allowed values' },
    ],
    rows: format === 'csv' ? rows.map((row, i) => fillDown(rows, row, i)) : rows,
  };
  return renderTable(table, format);
}

/** CSV rows carry their id and title on every line (no visual grouping). */
function fillDown(rows: readonly string[][], row: readonly string[], index: number): string[] {
  let source = index;
  while (source > 0 && rows[source]?.[0] === '') source--;
  return [rows[source]?.[0] ?? '', rows[source]?.[1] ?? '', ...row.slice(2)];
}
