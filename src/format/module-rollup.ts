/**
 * Per-module rollup of a cost report, like fvcore's flop table by module: layers are grouped by
 * the first `depth` segments of their path-like names (`features/features.3/conv/…` from an
 * ONNX export, `block3/pointwise` from the zoo), with each group's MACs, params, extra ops and
 * layer count summed. Row selection (`--hide-zero`, `--sort`, `--top`) applies to modules and
 * to plain layer rows alike. Pure; O(layers · log layers) with sorting.
 */
import type { LayerCost } from '../model/cost.js';

/** One module: the layers whose names start with its path. */
export interface ModuleRow {
  /** The first `depth` segments of the member layers' names (fewer for shorter names). */
  readonly module: string;
  readonly layers: number;
  readonly macs: bigint;
  readonly extraOps: bigint;
  readonly params: bigint;
  readonly activations: bigint;
}

/** Orders for rows: network order (default), or descending MACs or params. */
export const ROW_SORTS = ['order', 'macs', 'params'] as const;
/** One of {@link ROW_SORTS}. */
export type RowSort = (typeof ROW_SORTS)[number];

/** Which rows to show. */
export interface RowSelection {
  /** Drop rows with neither MACs nor params. */
  readonly hideZero?: boolean;
  readonly sort?: RowSort;
  /** Keep the first N rows after sorting. */
  readonly top?: number;
}

/** The module of a layer name at `depth` (segments split on `/`). */
export function modulePath(name: string, depth: number): string {
  return name
    .split('/')
    .filter((segment) => segment !== '')
    .slice(0, Math.max(1, depth))
    .join('/');
}

/** Groups layers by module path at `depth`, in order of first appearance; sums are exact. */
export function moduleRollup(layers: readonly LayerCost[], depth: number): ModuleRow[] {
  const rows = new Map<
    string,
    { layers: number; macs: bigint; extraOps: bigint; params: bigint; activations: bigint }
  >();
  for (const layer of layers) {
    const module = modulePath(layer.name, depth);
    const row = rows.get(module) ?? { layers: 0, macs: 0n, extraOps: 0n, params: 0n, activations: 0n };
    row.layers += 1;
    row.macs += layer.macs;
    row.extraOps += layer.extraOps;
    row.params += layer.params;
    row.activations += layer.activations;
    rows.set(module, row);
  }
  return [...rows].map(([module, row]) => ({ module, ...row }));
}

/** Applies a selection to rows with MACs and params (stable: ties keep network order). */
export function selectRows<T extends { readonly macs: bigint; readonly params: bigint }>(
  rows: readonly T[],
  selection: RowSelection,
): T[] {
  let selected = selection.hideZero ? rows.filter((row) => row.macs !== 0n || row.params !== 0n) : [...rows];
  const key =
    selection.sort === 'macs' ? (row: T) => row.macs : selection.sort === 'params' ? (row: T) => row.params : undefined;
  if (key !== undefined)
    selected = selected
      .map((row, index) => ({ row, index }))
      .sort((a, b) => (key(b.row) > key(a.row) ? 1 : key(b.row) < key(a.row) ? -1 : a.index - b.index))
      .map((entry) => entry.row);
  return selection.top !== undefined ? selected.slice(0, selection.top) : selected;
}
