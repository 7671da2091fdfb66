import { textWidth } from '../../src/charts/place-labels.js';

/**
 * Screen geometry of a Vega-Lite chart computed from its spec alone (test oracle): pixel
 * positions of markers and label boxes from the fixed scale domains and panel size, the way
 * Vega maps them (log: ln(v/d0)/ln(d1/d0) of the width; linear: (v−d0)/(d1−d0); y upwards).
 */

interface Encoding {
  field: string;
  scale?: { type?: string; domain?: number[] };
  axis?: { values?: number[] };
}
interface Layer {
  mark: { type: string; fontSize?: number } | string;
  encoding: Record<string, Encoding | undefined>;
}
export interface Panel {
  width: number;
  height: number;
  title?: { text?: string; subtitle?: string | string[] };
  data?: { values: Record<string, unknown>[] };
  layer: Layer[];
}

/** The panels of a spec (hconcat or single). */
export function panelsOf(spec: Record<string, unknown>): Panel[] {
  const list = (spec['hconcat'] as Panel[] | undefined) ?? [spec as unknown as Panel];
  return list.filter((panel) => Array.isArray(panel.layer));
}

const markType = (layer: Layer) => (typeof layer.mark === 'string' ? layer.mark : layer.mark.type);

/** Maps a data value to a pixel along an axis of `size` px. */
function project(
  value: number,
  scale: { type?: string; domain?: number[] } | undefined,
  size: number,
  flip: boolean,
): number {
  const [d0 = 0, d1 = 1] = scale?.domain ?? [];
  const t = scale?.type === 'log' ? Math.log(value / d0) / Math.log(d1 / d0) : (value - d0) / (d1 - d0);
  return flip ? (1 - t) * size : t * size;
}

export interface LabelGeometry {
  readonly label: string;
  readonly marker: { x: number; y: number };
  readonly box: { left: number; right: number; top: number; bottom: number } | null;
}

/** Markers and label boxes of a labelled panel (point layer + text layer at label_x/label_y). */
export function labelGeometry(panel: Panel): LabelGeometry[] {
  const point = panel.layer.find((layer) => markType(layer) === 'point');
  const text = panel.layer.find((layer) => markType(layer) === 'text');
  if (point === undefined || text === undefined) return [];
  const fontSize = typeof text.mark === 'string' ? 11 : (text.mark.fontSize ?? 11);
  const x = point.encoding['x'] as Encoding;
  const y = point.encoding['y'] as Encoding;
  return (panel.data?.values ?? []).map((row) => {
    const marker = {
      x: project(Number(row[x.field]), x.scale, panel.width, false),
      y: project(Number(row[y.field]), y.scale, panel.height, true),
    };
    const label = String(row['label']);
    if (row['label_x'] === undefined) return { label, marker, box: null };
    const left = project(Number(row['label_x']), x.scale, panel.width, false);
    const middle = project(Number(row['label_y']), y.scale, panel.height, true);
    const half = (fontSize * 1.2) / 2;
    return {
      label,
      marker,
      box: { left, right: left + textWidth(label, fontSize), top: middle - half, bottom: middle + half },
    };
  });
}

/** Distance from a point to the nearest point of a box. */
export function boxDistance(
  p: { x: number; y: number },
  box: { left: number; right: number; top: number; bottom: number },
): number {
  return Math.hypot(Math.max(box.left - p.x, 0, p.x - box.right), Math.max(box.top - p.y, 0, p.y - box.bottom));
}

/** The quantitative axes of a panel with their data values: for the both-ends tick check. */
export function quantitativeAxes(panel: Panel): { channel: string; encoding: Encoding; values: number[] }[] {
  const axes: { channel: string; encoding: Encoding; values: number[] }[] = [];
  for (const layer of panel.layer) {
    if (markType(layer) === 'text' || markType(layer) === 'rule') continue;
    for (const channel of ['x', 'y']) {
      const encoding = layer.encoding[channel];
      if (encoding === undefined || (encoding as { type?: string }).type !== 'quantitative') continue;
      const values = (panel.data?.values ?? []).map((row) => Number(row[encoding.field])).filter(Number.isFinite);
      axes.push({ channel, encoding, values });
    }
  }
  return axes;
}
