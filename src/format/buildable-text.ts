/**
 * The sentence that says what `export` builds when it differs from the count (issue 22): the
 * totals line of `count` (table, markdown) and any other place that shows a buildable count.
 */
import type { CostReport } from '../model/cost.js';
import { withSuffix, withThousands } from '../text/numbers.js';

/**
 * `buildable (what export builds): … MACs (…), … params — why`, or nothing when the buildable
 * totals equal the counted ones (or the report has none).
 */
export function buildableLine(report: CostReport): string | undefined {
  const buildable = report.buildable;
  const t = report.total;
  if (buildable === undefined) return undefined;
  const b = buildable.total;
  if (b.macs === t.macs && b.params === t.params) return undefined;
  return `buildable (what \`export\` builds with these options): ${withThousands(b.macs)} MACs (${withSuffix(b.macs)}), ${withThousands(b.params)} params — ${buildableWhy(report)}`;
}

/** One sentence: which butterflies have no construction with the counted edges, and what is built instead. */
export function buildableWhy(report: CostReport): string {
  const rebuilt = report.buildable?.rebuilt ?? [];
  const first = rebuilt[0];
  if (first === undefined) return 'the network export builds counts differently';
  const base = report.parameters['base'];
  const k = typeof base === 'number' ? `${base}` : 'k';
  const sizes = [...new Set(rebuilt.map((r) => r.size))].sort((a, b) => a - b);
  const rule = first.counted === 'real' ? `k·m·log_k m (k = ${k})` : `k·m·⌈log_k m⌉ (k = ${k})`;
  const padded = rebuilt.filter((r) => r.built === 'padded').length;
  const mixed = rebuilt.filter((r) => r.built === 'mixed-radix').length;
  const how = [
    ...(padded > 0 ? [`${padded} zero-padded to the next power of ${k}`] : []),
    ...(mixed > 0 ? [`${mixed} mixed radix (one layer per prime factor)`] : []),
  ].join(', ');
  return `${rebuilt.length} butterfly layer(s) of ${sizes.length === 1 ? 'size' : 'sizes'} ${sizes.join(', ')} (not powers of ${k}) are counted with ${rule} edges, which no butterfly of that size has; export builds each as the cheaper existing construction: ${how}.`;
}
