/**
 * Axis domains and tick values that put a labelled tick at both ends of the data, so a reader
 * never has to guess the value of the first or last marker, and leave no wide empty band. Pure.
 */

/** `value` rounded down (or up) to two significant digits, e.g. 13.57 → 13 (14). */
export function roundTwoDigits(value: number, direction: 'down' | 'up'): number {
  if (value <= 0) return 0;
  const unit = 10 ** (Math.floor(Math.log10(value)) - 1);
  const scaled = value / unit;
  // Guard float noise: 140.00000001/10 must stay 14.
  const whole = direction === 'down' ? Math.floor(scaled + 1e-9) : Math.ceil(scaled - 1e-9);
  return Number((whole * unit).toPrecision(12));
}

/** A log axis: domain and the tick values to label. */
export interface LogAxis {
  readonly domain: [number, number];
  readonly ticks: number[];
}

/**
 * Log-scale axis for data in [min, max] (min > 0) drawn `width` px wide: end ticks at `min`
 * rounded down and `max` rounded up to two significant digits (so within 10 % of the data), the
 * domain 7 % of the span wider on each side (room for markers and labels at the ends), and between them the values 1, 2, 3, 5 × 10^k that
 * keep `minGap` px from every other tick.
 */
export function logAxis(min: number, max: number, width: number, minGap = 32): LogAxis {
  const low = roundTwoDigits(min, 'down');
  let high = roundTwoDigits(max, 'up');
  if (high <= low) high = roundTwoDigits(low * 1.1, 'up');
  const span = Math.log(high / low);
  const pad = Math.exp(span * 0.07);
  const domain: [number, number] = [Number((low / pad).toPrecision(8)), Number((high * pad).toPrecision(8))];
  const px = (v: number) => (Math.log(v / domain[0]) / Math.log(domain[1] / domain[0])) * width;
  const ticks = [low];
  for (let k = Math.floor(Math.log10(low)); 10 ** k <= high; k++) {
    for (const m of [1, 2, 3, 5]) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v <= low || v >= high) continue;
      if (px(v) - px(ticks[ticks.length - 1] ?? low) >= minGap && px(high) - px(v) >= minGap) ticks.push(v);
    }
  }
  ticks.push(high);
  return { domain, ticks };
}

/**
 * A linear axis for data in [min, max] with `margin` units of room at each end: ticks every step
 * (1, 2, 5 × 10^k, at most `maxTicks`) from the last step at or below `min` to the first at or
 * above `max`, so both ends of the data have a labelled tick; the domain spans the ticks and the
 * margins.
 */
export function linearAxis(min: number, max: number, maxTicks = 9, margin = 0): LogAxis {
  const range = Math.max(max - min, 1e-9);
  let step = 10 ** Math.floor(Math.log10(range / maxTicks));
  for (const factor of [1, 2, 5, 10, 20]) {
    const candidate = step * factor;
    if (Math.ceil(max / candidate - 1e-9) - Math.floor(min / candidate + 1e-9) <= maxTicks - 1) {
      step = candidate;
      break;
    }
  }
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  const low = Math.min(ticks[0] ?? min, min - margin);
  const high = Math.max(ticks[ticks.length - 1] ?? max, max + margin);
  return { domain: [Number(low.toPrecision(12)), Number(high.toPrecision(12))], ticks };
}
