/**
 * Greedy placement of point labels in a plot panel, so that labels do not overlap each other
 * or the points. Vega-Lite has no label-collision avoidance, so the chart builders place labels
 * themselves: they know the panel size and fix the scale domains, hence the pixel position of
 * every point. Pure; deterministic. O(labels² × candidates).
 */

/** A point to label, in pixels from the panel's top-left corner. */
export interface LabelRequest {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

/** Where a label's left-middle anchor goes, in pixels; `leader` when it sits away from its point. */
export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
}

/** Panel size and text metrics. */
export interface LabelLayout {
  readonly width: number;
  readonly height: number;
  /** Font size in pixels. */
  readonly fontSize: number;
  /** Radius around each point that labels keep clear of, in pixels. */
  readonly pointRadius: number;
  /** Further spots to keep clear of (e.g. samples along drawn lines), 2 px around each. */
  readonly obstacles?: readonly { readonly x: number; readonly y: number }[];
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Estimated text width in pixels for DejaVu Sans (average advance ≈ 0.6 em, a little generous). */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.62;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Places every label at the first of eight candidate spots around its point (right, left,
 * above, below, then the diagonals) that stays inside the panel and overlaps neither an earlier
 * label nor a point; when none is free, at the spot with the least overlap. Labels are placed
 * in the order given (put the important ones first).
 */
export function placeLabels(requests: readonly LabelRequest[], layout: LabelLayout): PlacedLabel[] {
  const gap = layout.pointRadius + 2;
  const height = layout.fontSize * 1.2;
  const points: Box[] = requests.map((r) => ({
    left: r.x - layout.pointRadius, right: r.x + layout.pointRadius, top: r.y - layout.pointRadius, bottom: r.y + layout.pointRadius,
  }));
  for (const spot of layout.obstacles ?? []) points.push({ left: spot.x - 2, right: spot.x + 2, top: spot.y - 2, bottom: spot.y + 2 });
  const placed: Box[] = [];
  return requests.map((request) => {
    const width = textWidth(request.text, layout.fontSize);
    // Candidate left-middle anchors.
    const candidates: [number, number][] = [
      [request.x + gap, request.y],
      [request.x - gap - width, request.y],
      [request.x - width / 2, request.y - gap - height / 2],
      [request.x - width / 2, request.y + gap + height / 2],
      [request.x + gap * 0.7, request.y - gap - height / 2 + 2],
      [request.x + gap * 0.7, request.y + gap + height / 2 - 2],
      [request.x - gap * 0.7 - width, request.y - gap - height / 2 + 2],
      [request.x - gap * 0.7 - width, request.y + gap + height / 2 - 2],
    ];
    let best: { x: number; y: number; box: Box; cost: number } | undefined;
    for (const [x, y] of candidates) {
      const box = { left: x, right: x + width, top: y - height / 2, bottom: y + height / 2 };
      const outside = (box.left < 0 ? -box.left : 0) + (box.right > layout.width ? box.right - layout.width : 0)
        + (box.top < 0 ? -box.top : 0) + (box.bottom > layout.height ? box.bottom - layout.height : 0);
      const cost = outside * height * 4
        + placed.reduce((sum, other) => sum + overlap(box, other), 0)
        + points.reduce((sum, other) => sum + overlap(box, other), 0);
      if (best === undefined || cost < best.cost) best = { x, y, box, cost };
      if (cost === 0) break;
    }
    if (best === undefined) return { x: request.x, y: request.y };
    placed.push(best.box);
    return { x: best.x, y: best.y };
  });
}
