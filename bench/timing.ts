/** Best wall time of `fn` in milliseconds: warm up, then the fastest of `runs` runs (at least `minMs` in total). */
export function bestTime(fn: () => void, runs = 5, minMs = 300): number {
  fn();
  let best = Infinity;
  let spent = 0;
  for (let i = 0; i < runs || spent < minMs; i++) {
    const start = performance.now();
    fn();
    const elapsed = performance.now() - start;
    spent += elapsed;
    best = Math.min(best, elapsed);
    if (i > 50 * runs) break;
  }
  return best;
}
