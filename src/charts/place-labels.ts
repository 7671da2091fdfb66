/**
 * Greedy placement of point labels in a plot panel, so that labels overlap neither each other
 * nor the points, and every label is nearer its own point than any other point. Vega-Lite has
 * no label-collision avoidance (Vega's `label` transform avoids overlaps but does not promise the
 * nearest-marker property), so the chart builders place labels themselves: they know the panel
 * size and fix the scale domains, hence the pixel position of every point.
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

/** A rectangle in pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * Advance widths of DejaVu Sans (the font the charts embed) in em, for the characters labels
 * use; anything else counts as 0.7 em (wider than most letters).
 */
const ADVANCE_EM: Readonly<Record<string, number>> = {
  ' ': 0.318,
  '.': 0.318,
  ',': 0.318,
  '+': 0.838,
  '-': 0.361,
  '@': 1.0,
  '(': 0.39,
  ')': 0.39,
  _: 0.5,
  '×': 0.838,
  '%': 0.95,
  ...Object.fromEntries([...'0123456789'].map((digit) => [digit, 0.636])),
};

/** Text width in pixels for DejaVu Sans: known advances, 0.62 em for other lower-case letters, 0.7 em else. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += ADVANCE_EM[char] ?? (/[a-z]/.test(char) ? 0.62 : 0.7);
  return em * fontSize;
}

/** Distance in pixels from a point to the nearest point of a box (0 inside). */
export function distanceToBox(x: number, y: number, box: Box): number {
  const dx = Math.max(box.left - x, 0, x - box.right);
  const dy = Math.max(box.top - y, 0, y - box.bottom);
  return Math.hypot(dx, dy);
}

function overlap(a: Box, b: Box): boolean {
  return Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
}

/** Extra distance every other marker must keep beyond the label's own marker, in pixels. */
export const NEAREST_MARGIN = 2;

/**
 * Places labels so that each one is unambiguous: its box lies inside the panel, overlaps no
 * earlier label and no obstacle, and is nearer its own point than any other point by at least
 * {@link NEAREST_MARGIN} px (distances from the point to the nearest point of the box, in
 * screen pixels). Candidate spots are tried in order — right, left, above, below, diagonals, each
 * with small shifts, then the same ring further out — and the first that meets all of these is
 * kept. A label with no such spot is dropped (`null`); the caller lists it elsewhere (e.g. in a
 * legend note). Labels are placed in the order given (put the important ones first).
 * Pure; deterministic. O(labels × candidates × (labels + points + obstacles)).
 */
export function placeLabels(requests: readonly LabelRequest[], layout: LabelLayout): (PlacedLabel | null)[] {
  const height = layout.fontSize * 1.2;
  const obstacles: Box[] = (layout.obstacles ?? []).map((spot) => ({
    left: spot.x - 2,
    right: spot.x + 2,
    top: spot.y - 2,
    bottom: spot.y + 2,
  }));
  const placed: Box[] = [];
  return requests.map((request, index) => {
    const width = textWidth(request.text, layout.fontSize);
    const candidates: [number, number][] = [];
    for (const gap of [layout.pointRadius + 2, layout.pointRadius + 6, layout.pointRadius + 11]) {
      const above = request.y - gap - height / 2;
      const below = request.y + gap + height / 2;
      for (const dy of [0, -3, 3, -6, 6]) {
        candidates.push([request.x + gap, request.y + dy], [request.x - gap - width, request.y + dy]);
      }
      for (const share of [0.5, 0.25, 0.75, 0, 1]) {
        candidates.push([request.x - width * share, above], [request.x - width * share, below]);
      }
      candidates.push(
        [request.x + gap * 0.7, above + 2],
        [request.x + gap * 0.7, below - 2],
        [request.x - gap * 0.7 - width, above + 2],
        [request.x - gap * 0.7 - width, below - 2],
      );
    }
    for (const [x, y] of candidates) {
      const box = { left: x, right: x + width, top: y - height / 2, bottom: y + height / 2 };
      if (box.left < 0 || box.top < 0 || box.right > layout.width || box.bottom > layout.height) continue;
      if (placed.some((other) => overlap(box, other)) || obstacles.some((other) => overlap(box, other))) continue;
      const own = distanceToBox(request.x, request.y, box);
      if (own < layout.pointRadius) continue;
      const ambiguous = requests.some(
        (other, j) => j !== index && distanceToBox(other.x, other.y, box) < own + NEAREST_MARGIN,
      );
      if (ambiguous) continue;
      placed.push(box);
      return { x, y };
    }
    return null;
  });
}
