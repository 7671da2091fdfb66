import { describe, expect, it } from '@jest/globals';
import { ALL_OPS_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, importGraph, node, weight, type Attr } from '../onnx-test-graph.js';

/** One Conv on an input of `input` dims with weight `w` (and a bias when asked). */
function conv(input: number[], w: number[], attrs: Record<string, Attr> = {}, bias = false) {
  return {
    inputs: [['x', input]] as const,
    initializers: [weight('w', w), ...(bias ? [weight('b', [w[0] ?? 0])] : [])],
    nodes: [node('Conv', ['x', 'w', ...(bias ? ['b'] : [])], ['y'], attrs)],
  };
}
const out = (spec: ReturnType<typeof conv>) => importGraph(spec).layers[0]?.output;

describe('Conv', () => {
  it('counts H′·W′·M·(C/g)·kH·kW MACs and M·(C/g)·kH·kW (+ M bias) params (hand count)', () => {
    // 3→8, 3×3, stride 2, pad 1 on 32×32: 16×16 outputs; 16·16·8·3·9 = 55,296 MACs; 216 weights
    const report = countGraph(
      conv([1, 3, 32, 32], [8, 3, 3, 3], { strides: { ints: [2, 2] }, pads: { ints: [1, 1, 1, 1] } }, true),
    );
    expect(report.layers[0]?.output).toEqual({ channels: 8, height: 16, width: 16 });
    expect(report.total.macs).toBe(55_296n);
    expect(report.total.params).toBe(216n + 8n);
    // bias adds: one per output element, 8·16·16
    expect(
      countGraph(
        conv([1, 3, 32, 32], [8, 3, 3, 3], { strides: { ints: [2, 2] }, pads: { ints: [1, 1, 1, 1] } }, true),
        ALL_OPS_CONVENTION,
      ).total.extraOps,
    ).toBe(2048n);
  });

  it('applies asymmetric pads, auto_pad and dilations as the ONNX spec says', () => {
    // floor((7 + 0 + 1 − 3) / 2) + 1 = 3
    expect(out(conv([1, 1, 7, 7], [1, 1, 3, 3], { strides: { ints: [2, 2] }, pads: { ints: [0, 0, 1, 1] } }))).toEqual({
      channels: 1,
      height: 3,
      width: 3,
    });
    // SAME_UPPER: ceil(7 / 2) = 4; VALID: floor((7 − 3) / 1) + 1 = 5
    expect(
      out(conv([1, 1, 7, 7], [1, 1, 3, 3], { strides: { ints: [2, 2] }, auto_pad: { str: 'SAME_UPPER' } }))?.height,
    ).toBe(4);
    expect(out(conv([1, 1, 7, 7], [1, 1, 3, 3], { auto_pad: { str: 'SAME_LOWER' } }))?.height).toBe(7);
    expect(out(conv([1, 1, 7, 7], [1, 1, 3, 3], { auto_pad: { str: 'VALID' } }))?.height).toBe(5);
    // dilation 2: effective kernel 5; pad 2: (8 + 4 − 5) + 1 = 8; rectangular kernel 1×3, pad only W
    expect(
      out(conv([1, 1, 8, 8], [1, 1, 3, 3], { dilations: { ints: [2, 2] }, pads: { ints: [2, 2, 2, 2] } }))?.height,
    ).toBe(8);
    expect(out(conv([1, 1, 8, 8], [2, 1, 1, 3], { pads: { ints: [0, 1, 0, 1] } }))).toEqual({
      channels: 2,
      height: 8,
      width: 8,
    });
    expect(countGraph(conv([1, 1, 8, 8], [2, 1, 1, 3], { pads: { ints: [0, 1, 0, 1] } })).total.macs).toBe(
      8n * 8n * 2n * 3n,
    );
  });

  it('counts grouped and depthwise convs with C/g inputs per output', () => {
    // depthwise 16 channels 3×3 on 10×10 (pad 1): 10·10·16·1·9
    const spec = {
      inputs: [['x', [1, 3, 10, 10]]] as const,
      initializers: [weight('w0', [16, 3, 1, 1]), weight('w', [16, 1, 3, 3]), weight('g', [8, 4, 1, 1])],
      nodes: [
        node('Conv', ['x', 'w0'], ['a']),
        node('Conv', ['a', 'w'], ['b'], {
          group: { int: 16 },
          pads: { ints: [1, 1, 1, 1] },
          kernel_shape: { ints: [3, 3] },
        }),
        node('Conv', ['b', 'g'], ['c'], { group: { int: 4 } }),
      ],
    };
    const report = countGraph(spec);
    expect(report.layers.map((l) => l.role)).toEqual(['stem', 'depthwise', 'channel-fusion']);
    expect(report.layers[1]?.macs).toBe(10n * 10n * 16n * 9n);
    expect(report.layers[2]?.macs).toBe(10n * 10n * 8n * 4n);
  });

  it('reads a 1-D conv (N × C × L) as H = L, W = 1', () => {
    const report = countGraph(conv([1, 4, 20], [6, 4, 5], { pads: { ints: [2, 2] } }));
    expect(report.layers[0]?.output).toEqual({ channels: 6, height: 20, width: 1 });
    expect(report.total.macs).toBe(20n * 6n * 4n * 5n);
  });

  it('refuses a weight whose shape contradicts the input or kernel_shape, naming the node', () => {
    expect(() => importGraph(conv([1, 3, 8, 8], [8, 4, 3, 3]))).toThrow(
      /test\.onnx: node "\/conv0\/Conv" \(Conv\): weight w has shape \[8, 4, 3, 3\] for an input of 3 channels/,
    );
    expect(() => importGraph(conv([1, 3, 8, 8], [8, 3, 3, 3], { kernel_shape: { ints: [5, 5] } }))).toThrow(
      /kernel_shape \[5, 5\] contradicts the weight shape/,
    );
    expect(() => importGraph(conv([1, 3, 8, 8], [8, 3, 9, 9]))).toThrow(/the output would be 0×0/);
  });
});

describe('ConvTranspose', () => {
  const spec = (w: number[], attrs: Record<string, Attr>, bias = false) => ({
    inputs: [['x', [1, 4, 5, 5]]] as const,
    initializers: [
      weight('w', w),
      ...(bias ? [weight('b', [(w[1] ?? 0) * ((attrs['group'] as { int: number } | undefined)?.int ?? 1)])] : []),
    ],
    nodes: [node('ConvTranspose', ['x', 'w', ...(bias ? ['b'] : [])], ['y'], attrs)],
  });

  it('sizes s·(n−1) + output_padding + k − pads (PyTorch ConvTranspose2d(4, 3, 3, stride 2, padding 1, output_padding 1) on 5: 10); MACs H_in·W_in·C_in·(C_out/g)·kH·kW', () => {
    const report = countGraph(
      spec(
        [4, 3, 3, 3],
        { strides: { ints: [2, 2] }, pads: { ints: [1, 1, 1, 1] }, output_padding: { ints: [1, 1] } },
        true,
      ),
    );
    expect(report.layers[0]?.output).toEqual({ channels: 3, height: 10, width: 10 });
    expect(report.total.macs).toBe(5n * 5n * 4n * 3n * 9n);
    expect(report.total.params).toBe(4n * 3n * 9n + 3n);
  });

  it('groups, output_shape and SAME padding', () => {
    const grouped = countGraph(spec([4, 2, 3, 3], { group: { int: 2 }, output_shape: { ints: [9, 11] } }));
    expect(grouped.layers[0]?.output).toEqual({ channels: 4, height: 9, width: 11 });
    expect(grouped.total.macs).toBe(5n * 5n * 4n * 2n * 9n);
    expect(
      importGraph(spec([4, 3, 2, 2], { strides: { ints: [2, 2] }, auto_pad: { str: 'SAME_UPPER' } })).layers[0]?.output
        .height,
    ).toBe(10);
  });
});
