/**
 * `butterflops plan` output: one row per planned layer (name, n, pixels, radices, form, MACs,
 * ms, the dense 1×1's ms, criteria), the totals, and the accuracy caveat; JSON is the plan file
 * (`NetworkPlan`) with totals and criteria.
 */
import type { NetworkPlan, PlannedLayer } from '../model/network-plan.js';
import type { PlanCriteria } from '../graph/plan-criteria.js';
import { stringifyExact } from '../text/json.js';
import { renderTable } from '../text/table.js';
import { withSuffix, withThousands } from '../text/numbers.js';

export const PLAN_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** Everything the formatter shows. */
export interface PlanResult {
  readonly plan: NetworkPlan;
  /** Criteria of each layer's radices (same order as plan.layers). */
  readonly criteria: readonly PlanCriteria[];
  /** The planned network's exact MACs, and the base-plan (unplanned BFT) and dense networks' MACs. */
  readonly networkMacs: bigint;
  readonly unplannedMacs: bigint;
  readonly denseMacs: bigint;
  /** Σ over planned layers of ms, and of the dense 1×1's ms (latency/roofline only). */
  readonly plannedMs?: number;
  readonly denseMs?: number;
  /** Measurements made now vs read from the cache. */
  readonly measured: number;
  readonly cached: number;
}

/** The sentence every plan output carries next to any accuracy talk. */
export const PLAN_ACCURACY_NOTE =
  'accuracy: the paper measured accuracy only for its own bases (base 4 etc.); any other plan is a cost what-if whose accuracy nobody has measured';

function ms(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(3);
}

function criteriaText(c: PlanCriteria): string {
  if (c.met) return 'met';
  const failed = [
    !c.everyToAll && 'every-to-all',
    !c.onePathPerPair && 'one path',
    !c.bottleneck && 'bottleneck',
    !c.equalOutDegree && 'out-degree',
  ].filter(Boolean);
  return `fails: ${failed.join(', ')}`;
}

/** Renders the plan result. */
export function formatPlan(result: PlanResult, format: PlanFormat): string {
  const { plan } = result;
  if (format === 'json') {
    return `${stringifyExact({
      ...plan,
      layers: plan.layers.map((layer, i) => ({ ...layer, criteria: result.criteria[i] })),
      totals: {
        macs: result.networkMacs,
        unplannedMacs: result.unplannedMacs,
        denseMacs: result.denseMacs,
        ...(result.plannedMs !== undefined ? { plannedMs: result.plannedMs, denseMs: result.denseMs } : {}),
        measured: result.measured,
        cached: result.cached,
      },
      accuracy: PLAN_ACCURACY_NOTE,
    })}\n`;
  }
  const table = {
    columns: [
      { header: 'layer' },
      { header: 'n', align: 'right' as const },
      { header: 'pixels', align: 'right' as const },
      { header: 'radices' },
      { header: 'form' },
      { header: 'macs', align: 'right' as const },
      { header: 'ms', align: 'right' as const },
      { header: 'dense 1×1 ms', align: 'right' as const },
      { header: 'criteria' },
    ],
    rows: plan.layers.map((layer: PlannedLayer, i) => [
      layer.name,
      String(layer.n),
      String(layer.pixels),
      layer.radices.join('×'),
      layer.form,
      format === 'csv' ? layer.macs.toString() : withThousands(layer.macs),
      ms(layer.ms),
      ms(layer.denseMs),
      result.criteria[i] ? criteriaText(result.criteria[i]) : '—',
    ]),
  };
  const body = renderTable(table, format);
  if (format === 'csv') return body;
  const lines = [
    `plan for ${plan.model} (${Object.entries(plan.parameters)
      .map(([k, v]) => `${k}=${v}`)
      .join(
        ', ',
      )}), objective ${plan.objective}${plan.maxMacs !== undefined ? `, at most ${withThousands(plan.maxMacs)} MACs` : ''}${plan.threads !== undefined ? `, ${plan.threads} thread(s)` : ''}`,
    '',
    body.trimEnd(),
    '',
    `network MACs: ${withThousands(result.networkMacs)} (${withSuffix(result.networkMacs)}) planned; ${withThousands(result.unplannedMacs)} with the default BFT; ${withThousands(result.denseMacs)} dense`,
  ];
  if (result.plannedMs !== undefined && result.denseMs !== undefined) {
    lines.push(
      `butterfly layers: ${ms(result.plannedMs)} ms planned vs ${ms(result.denseMs)} ms as dense 1×1 convs (sum over layers of per-layer medians, measured)`,
    );
  } else if (result.plannedMs !== undefined) {
    lines.push(`butterfly layers: ${ms(result.plannedMs)} ms predicted by the roofline (sum over layers)`);
  }
  lines.push(
    `criteria: ${result.criteria.every((c) => c.met) ? 'every planned layer meets every-to-all, one path per pair, bottleneck and equal out-degree (checked on its graph)' : 'SOME PLANNED LAYERS FAIL A CRITERION (see the table)'}`,
  );
  if (result.measured + result.cached > 0)
    lines.push(`measurements: ${result.measured} made now, ${result.cached} from the cache`);
  lines.push(PLAN_ACCURACY_NOTE);
  return `${lines.join('\n')}\n`;
}
