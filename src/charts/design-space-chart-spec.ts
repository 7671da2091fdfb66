/**
 * The butterfly design space as a picture (issue 18): network MACs (x, log) vs measured latency
 * (y), one point per network, colour = how channel fusion is built (dense, BFT base 2, base 4,
 * √n, planned), one panel per family, points of a variant joined in width order. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BFT_VARIANT_COLOURS, CHART_CONFIG, fusionColour } from './chart-theme.js';

/** One measured network. */
export interface DesignChartPoint {
  readonly family: string;
  readonly variant: string;
  readonly width: number;
  readonly mmacs: number;
  readonly ms: number;
}

/**
 * The chart; `variants` fixes the colour order: `dense` in the pointwise colour, the butterfly
 * variants in BFT's red and its shades (`BFT_VARIANT_COLOURS`), as in every other chart.
 */
export function designSpaceChartSpec(
  points: readonly DesignChartPoint[],
  variants: readonly string[],
  title: string,
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: CHART_CONFIG,
    data: { values: points.map((p) => ({ ...p, label: `${p.width}` })) },
    facet: { column: { field: 'family', type: 'nominal', title: null } },
    spec: {
      width: 300,
      height: 260,
      layer: [
        {
          mark: { type: 'line', point: { filled: true, size: 60 }, tooltip: true },
          encoding: {
            x: { field: 'mmacs', type: 'quantitative', title: 'million MACs (log)', scale: { type: 'log' } },
            y: {
              field: 'ms',
              type: 'quantitative',
              title: 'median latency (ms, onnxruntime, 1 thread)',
              scale: { zero: true },
            },
            color: {
              field: 'variant',
              type: 'nominal',
              title: 'channel fusion',
              scale: {
                domain: [...variants],
                range: variantColours(variants),
              },
            },
            order: { field: 'width', type: 'quantitative' },
          },
        },
        {
          mark: { type: 'text', dx: 8, dy: -6, fontSize: 9, align: 'left' },
          encoding: {
            x: { field: 'mmacs', type: 'quantitative', scale: { type: 'log' } },
            y: { field: 'ms', type: 'quantitative' },
            text: { field: 'label' },
            color: { field: 'variant', type: 'nominal' },
          },
        },
      ],
    },
  };
}

function variantColours(variants: readonly string[]): string[] {
  let butterfly = 0;
  return variants.map((variant) =>
    variant === 'dense'
      ? fusionColour('pointwise')
      : (BFT_VARIANT_COLOURS[butterfly++ % BFT_VARIANT_COLOURS.length] ?? fusionColour('bft')),
  );
}
