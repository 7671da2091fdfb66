/**
 * `butterflops plan` output: one row per planned layer (name, n, pixels, what it is planned as —
 * a butterfly or a dense 1×1 conv kept — radices, form, MACs, ms, the dense 1×1's ms, criteria),
 * the totals, and the accuracy caveat; JSON is the plan file (`NetworkPlan`) with totals and the
 * criteria of each butterfly.
 */
import type { NetworkPlan, PlannedLayer } from '../model/network-plan.js';
import type { PlanCriteria } from '../graph/plan-criteria.js';
import { markdownLine, terminalCell } from '../text/escape.js';
import { stringifyExact } from '../text/json.js';
import { renderTable } from '../text/table.js';
import { withSuffix, withThousands } from '../text/numbers.js';

export const PLAN_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** Everything the formatter shows. */
export interface PlanResult {
  readonly plan: NetworkPlan;
  /** Criteria of each layer's radices (same order as plan.layers); undefined for a layer kept dense. */
  readonly criteria: readonly (PlanCriteria | undefined)[];
  /** The planned network's exact MACs, and the base-plan (unplanned BFT) and dense networks' MACs. */
  readonly networkMacs: bigint;
  readonly unplannedMacs: bigint;
  readonly denseMacs: bigint;
  /** Σ over planned layers of ms as planned, and of the dense 1×1's ms (latency/roofline only). */
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

/** What a planned layer became, in words: `8×8 conv`, or `dense 1×1 conv`. */
export function plannedChoiceText(layer: PlannedLayer): string {
  return layer.dense ? DENSE_TEXT : `${layer.radices.join('×')} ${layer.form}`;
}

const DENSE_TEXT = 'dense 1×1 conv';

/** The criteria line: what holds for the butterflies, and that a dense layer is none. */
function criteriaLine(result: PlanResult): string {
  const butterflies = result.criteria.filter((c): c is PlanCriteria => c !== undefined);
  const dense = result.plan.layers.filter((l) => l.dense).length;
  const denseText = `${dense} layer(s) kept dense 1×1 convs: not butterflies, so the butterfly criteria do not apply (a dense conv joins every input to every output by one weight)`;
  if (butterflies.length === 0) return `criteria: none apply: ${denseText}`;
  const held = butterflies.every((c) => c.met)
    ? `every planned butterfly (${butterflies.length} layer(s)) meets every-to-all, one path per pair, bottleneck and equal out-degree (checked on its graph)`
    : 'SOME PLANNED BUTTERFLIES FAIL A CRITERION (see the table)';
  return `criteria: ${held}${dense > 0 ? `; ${denseText}` : ''}`;
}

/** Renders the plan result. */
export function formatPlan(result: PlanResult, format: PlanFormat): string {
  const { plan } = result;
  if (format === 'json') {
    return `${stringifyExact({
      ...plan,
      layers: plan.layers.map((layer, i) =>
        result.criteria[i] === undefined ? layer : { ...layer, criteria: result.criteria[i] },
      ),
      totals: {
        macs: result.networkMacs,
        denseLayers: plan.layers.filter((l) => l.dense).length,
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
      { header: 'planned as' },
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
      layer.dense ? DENSE_TEXT : 'butterfly',
      layer.dense ? '—' : layer.radices.join('×'),
      layer.dense ? '—' : layer.form,
      format === 'csv' ? layer.macs.toString() : withThousands(layer.macs),
      ms(layer.ms),
      ms(layer.denseMs),
      layer.dense ? 'n/a (dense)' : result.criteria[i] ? criteriaText(result.criteria[i]) : '—',
    ]),
  };
  const body = renderTable(table, format);
  if (format === 'csv') return body;
  // The model reference and parameter values are the user's (a file name may hold anything).
  const header = `plan for ${plan.model} (${Object.entries(plan.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(
      ', ',
    )}), objective ${plan.objective}${plan.maxMacs !== undefined ? `, at most ${withThousands(plan.maxMacs)} MACs` : ''}${plan.threads !== undefined ? `, ${plan.threads} thread(s)` : ''}`;
  const lines = [
    format === 'markdown' ? markdownLine(header) : terminalCell(header),
    '',
    body.trimEnd(),
    '',
    `network MACs: ${withThousands(result.networkMacs)} (${withSuffix(result.networkMacs)}) planned; ${withThousands(result.unplannedMacs)} with the default BFT; ${withThousands(result.denseMacs)} dense`,
  ];
  const dense = plan.layers.filter((l) => l.dense).length;
  const kept = dense > 0 ? ` (${dense} of them kept dense)` : '';
  const how =
    plan.objective === 'latency'
      ? 'sum over layers of per-layer medians, measured'
      : 'sum over layers, predicted by the roofline';
  if (result.plannedMs !== undefined) {
    const vsDense = result.denseMs !== undefined ? ` vs ${ms(result.denseMs)} ms all as dense 1×1 convs` : '';
    lines.push(`planned layers: ${ms(result.plannedMs)} ms as planned${kept}${vsDense} (${how})`);
  } else if (dense > 0) {
    lines.push(`planned layers: ${dense} kept dense 1×1 convs (fewer MACs than any butterfly of their shape)`);
  }
  lines.push(criteriaLine(result));
  if (result.measured + result.cached > 0)
    lines.push(`measurements: ${result.measured} made now, ${result.cached} from the cache`);
  lines.push(PLAN_ACCURACY_NOTE);
  return `${lines.join('\n')}\n`;
}
