import { designSpaceChartSpec, type DesignChartPoint } from '../../charts/design-space-chart-spec.js';
import { DESIGN_SPACE_FILE, DESIGN_VARIANTS, parseDesignSpace, type DesignPoint } from '../../latency/design-space.js';
import { countCost } from '../../count/count-request.js';
import { DEFAULT_BFT, type FusionStrategy } from '../../fusion/strategy.js';
import type { ModelSource } from '../../model/model-source.js';
import type { ReportSection } from './report-section.js';
import { sectionChartFiles } from './section-charts.js';

/**
 * Report section "Does the saving become time?" (issue 18): dense MobileNetV1 / ShuffleNetV2 at
 * every width next to their BFT networks with base 2, base 4, two factors near √n and a latency
 * plan, MACs vs measured latency, read from the committed `data/measurements/plan-design-space.json`
 * (written by `npm run measure`), and the answer in one sentence computed from those numbers.
 */
const TITLE = 'Does the saving become time?';
const FAMILY: Readonly<Record<string, string>> = { 'mobilenet-v1': 'MobileNetV1', 'shufflenet-v2': 'ShuffleNetV2' };

/**
 * The measured answer: per family the fastest BFT network against the dense network of nearest
 * MACs, then base 4 against √n and planned at the widest BFT width. Computed from `points` only.
 */
export function designSpaceAnswer(points: readonly DesignPoint[]): string {
  const parts: string[] = [];
  const faster: string[] = [];
  for (const arch of Object.keys(FAMILY)) {
    const mine = points.filter((p) => p.arch === arch);
    const dense = mine.filter((p) => p.variant === 'dense');
    const bft = mine.filter((p) => p.variant !== 'dense');
    if (dense.length === 0 || bft.length === 0) continue;
    const fastest = bft.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    const macs = (p: DesignPoint) => Number(p.macs);
    const nearest = dense.reduce((a, b) =>
      Math.abs(Math.log(macs(b) / macs(fastest))) < Math.abs(Math.log(macs(a) / macs(fastest))) ? b : a,
    );
    if (fastest.medianMs < nearest.medianMs) faster.push(FAMILY[arch] ?? arch);
    parts.push(
      `${parts.length === 0 ? 'The' : 'the'} fastest ${FAMILY[arch]} BFT network measured (width ${fastest.width}, ${fastest.variant}, ${(macs(fastest) / 1e6).toFixed(1)}M MACs) takes ${fastest.medianMs.toFixed(2)} ms, ${(fastest.medianMs / nearest.medianMs).toFixed(1)}× the dense ${FAMILY[arch]}-${nearest.width} of ${(macs(nearest) / 1e6).toFixed(1)}M MACs (${nearest.medianMs.toFixed(2)} ms)`,
    );
  }
  const recovered: string[] = [];
  for (const arch of Object.keys(FAMILY)) {
    const mine = points.filter((p) => p.arch === arch && p.variant !== 'dense');
    const widest = Math.max(...mine.map((p) => p.width));
    const at = (variant: string) => mine.find((p) => p.width === widest && p.variant === variant);
    const [base4, sqrt, planned] = [at('base 4'), at('sqrt'), at('planned')];
    if (base4 === undefined || sqrt === undefined || planned === undefined) continue;
    recovered.push(
      `${FAMILY[arch]}-${widest}: base 4 ${base4.medianMs.toFixed(2)} ms, √n ${sqrt.medianMs.toFixed(2)} ms (${(base4.medianMs / sqrt.medianMs).toFixed(2)}×), planned ${planned.medianMs.toFixed(2)} ms (${(base4.medianMs / planned.medianMs).toFixed(2)}×)`,
    );
  }
  const plans =
    recovered.length === 0
      ? ''
      : ` Fewer, larger factors win back part of the time base 4 loses, not all of it — ${recovered.join('; ')}.`;
  return parts.length === 0
    ? 'No measurements.'
    : `**Measured here: ${faster.length === 0 ? 'not on this runtime' : `yes for ${faster.join(' and ')}`}.** ${parts.join('; ')}.${plans}`;
}

/** The counting fusion of a variant with a counting rule of its own (a plan is a construction: none). */
function countedFusion(variant: DesignPoint['variant']): FusionStrategy | undefined {
  if (variant === 'dense') return { kind: 'pointwise' };
  if (variant === 'base 2') return { ...DEFAULT_BFT, base: 2 };
  if (variant === 'base 4') return DEFAULT_BFT;
  if (variant === 'sqrt') return { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'sqrt' } } };
  return undefined;
}

/**
 * A point's count under the paper's convention (ceil log for a base) and the count of what
 * `butterflops export` builds from the same settings today; both undefined for a latency plan
 * (made on the measuring machine, not kept: its measured graph is its count).
 */
export function designPointCounts(
  point: DesignPoint,
  models: ModelSource,
): { readonly counted?: bigint; readonly buildable?: bigint } {
  const fusion = countedFusion(point.variant);
  if (fusion === undefined) return {};
  const report = countCost({
    model: models.resolve(point.arch),
    parameters: { width: point.width, resolution: 224 },
    fusion,
  });
  return { counted: report.total.macs, ...(report.buildable ? { buildable: report.buildable.total.macs } : {}) };
}

/**
 * Why the MAC columns differ, from the numbers: the paper's count charges butterflies whose size
 * is not a power of the base by a rule no butterfly has; the measured graphs were built as
 * `export` built them then; the rows whose measured graph is not what `export` builds today.
 */
function builtNote(points: readonly DesignPoint[], models: ModelSource): string {
  const stale = points.filter((p) => {
    const built = designPointCounts(p, models).buildable;
    return built !== undefined && built !== BigInt(p.macs);
  });
  const differing = points.filter((p) => {
    const counted = designPointCounts(p, models).counted;
    return counted !== undefined && counted !== BigInt(p.macs);
  });
  const parts = [
    differing.length === 0
      ? "Every measured graph has the paper's count."
      : `${differing.length} measured BFT graphs differ from the paper's count: a base-k butterfly whose size is not a power of k has no construction with the count's k·m·⌈log_k m⌉ edges, so it is built otherwise.`,
  ];
  if (stale.length > 0) {
    const names = stale.map((p) => `${FAMILY[p.arch] ?? p.arch}-${p.width} ${p.variant}`).join(', ');
    parts.push(
      `When measured, such layers were built mixed radix (one layer per prime factor, e.g. a radix-29 layer for ShuffleNetV2's 58 = 2·29 channels${inversions(points)}); \`butterflops export\` now builds the cheaper of zero-padding to the next power of the base and mixed radix, so ${names} would be built with the fewer MACs of the last column (not re-measured yet: \`npm run measure\`).`,
    );
  }
  return parts.join(' ');
}

/** `: ShuffleNetV2 base 4 measured more MACs at width 1 than at 1.5, …` for wider networks with fewer measured MACs. */
function inversions(points: readonly DesignPoint[]): string {
  const found: string[] = [];
  for (const p of points) {
    if (p.variant === 'dense') continue;
    const wider = points.find(
      (q) => q.arch === p.arch && q.variant === p.variant && q.width > p.width && BigInt(q.macs) < BigInt(p.macs),
    );
    if (wider !== undefined)
      found.push(
        `${FAMILY[p.arch] ?? p.arch} ${p.variant} measured more MACs at width ${p.width} than at ${wider.width}`,
      );
  }
  return found.length === 0 ? '' : `; so ${found.join(', ')}`;
}

export const designSpaceSection: ReportSection = {
  id: 'design-space',
  title: TITLE,
  build: async (inputs) => {
    const text = inputs.dataFiles.get(DESIGN_SPACE_FILE);
    if (text === undefined)
      return {
        files: new Map(),
        index: `## ${TITLE}\n\nNo measurements: \`npm run measure\` writes \`${DESIGN_SPACE_FILE}\`.\n`,
      };
    const data = parseDesignSpace(JSON.parse(text) as unknown, DESIGN_SPACE_FILE);
    const points: DesignChartPoint[] = data.points.map((p) => ({
      family: FAMILY[p.arch] ?? p.arch,
      variant: p.variant === 'dense' ? 'dense' : `BFT ${p.variant}`,
      width: p.width,
      mmacs: Number(p.macs) / 1e6,
      ms: p.medianMs,
    }));
    const variants = DESIGN_VARIANTS.map((v) => (v === 'dense' ? 'dense' : `BFT ${v}`));
    const files = new Map(
      await sectionChartFiles(
        'design-space/macs-latency',
        designSpaceChartSpec(points, variants, 'Network MACs vs measured latency: dense vs butterfly plans'),
        'MACs vs latency',
        inputs,
      ),
    );
    const rows = [...data.points].sort((a, b) =>
      a.arch < b.arch
        ? -1
        : a.arch > b.arch
          ? 1
          : a.width - b.width || DESIGN_VARIANTS.indexOf(a.variant) - DESIGN_VARIANTS.indexOf(b.variant),
    );
    return {
      files,
      index: [
        `## ${TITLE}`,
        '',
        designSpaceAnswer(data.points),
        '',
        'Every network at 224×224, exported by `butterflops export` (seeded weights) and timed interleaved on onnxruntime-node. Channel fusion: dense 1×1 convs,',
        "or butterflies with base 2 (fewest MACs, most passes), base 4 (the paper's), two factors near √n (`--radices sqrt`, fewest passes), or a plan made by",
        '`butterflops plan` (per layer the factorisation and operator form measured fastest). Accuracy was measured by the paper only for its own bases: every',
        'other point is a cost what-if whose accuracy nobody has measured.',
        '',
        `Machine: ${data.machine}; load average during the measurement ${data.loadAverage.join(' / ')} (1/5/15 min). ${data.settings}. Data: \`${DESIGN_SPACE_FILE}\` (\`npm run measure\`).`,
        '',
        '![MACs vs latency](design-space/macs-latency.png)',
        '',
        "| network | width | channel fusion | MACs (measured graph) | MACs (paper's count) | MACs (export builds today) | median ms | quartiles ms |",
        '|:---|---:|:---|---:|---:|---:|---:|---:|',
        ...rows.map((p) => {
          const counts = designPointCounts(p, inputs.models);
          const m = (macs: bigint | undefined) => (macs === undefined ? '—' : `${(Number(macs) / 1e6).toFixed(2)}M`);
          return `| ${FAMILY[p.arch] ?? p.arch} | ${p.width} | ${p.variant === 'dense' ? 'dense' : `BFT ${p.variant}`} | ${m(BigInt(p.macs))} | ${m(counts.counted)} | ${m(counts.buildable)} | ${p.medianMs.toFixed(2)} | ${p.q1Ms.toFixed(2)}–${p.q3Ms.toFixed(2)} |`;
        }),
        '',
        builtNote(rows, inputs.models),
        '',
      ].join('\n'),
    };
  },
};
