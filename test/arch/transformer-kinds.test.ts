/**
 * The transformer kinds of the architecture format (matmul, layernorm, softmax, gelu,
 * class-token, position-embedding, layer-scale, reshape, select-token, and the `pytorch` form of
 * conv2d / linear): each builds the record the ONNX importer makes for the same operator, with
 * its hand-counted params, an exact symbolic twin, and a one-line UserError for bad input.
 */
import { describe, expect, it } from '@jest/globals';
import { buildNetwork } from '../../src/arch/build.js';
import { parseStructuredText } from '../../src/arch/structured-text.js';
import { validateArchitecture } from '../../src/arch/validate.js';
import { analyze } from '../../src/cost/analyze.js';
import { symbolicTotal } from '../../src/cost/symbolic-total.js';
import { UserError } from '../../src/errors.js';
import { evaluateExact, fractionToBigInt } from '../../src/expr/math.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import type { Network } from '../../src/model/network.js';

/** A network of `layers` on a C × H × W input, parameters `tokens` (default 4) and `d` (default 8). */
type Input = { channels: string | number; height: string | number; width: number };

function build(
  layers: unknown[],
  input: Input = { channels: 'd', height: 'tokens', width: 1 },
  free: string[] = [],
  parameters: Record<string, number> = {},
): Network {
  const text = JSON.stringify({
    name: 'net',
    parameters: {
      tokens: { description: 'tokens', default: 4, integer: true, minimum: 1 },
      d: { description: 'width', default: 8, integer: true, minimum: 1 },
    },
    input,
    layers,
  });
  const source = parseStructuredText(text, 'net.json');
  return buildNetwork(validateArchitecture(source), { free, parameters, locate: (pointer) => source.locate(pointer) });
}

function failure(layers: unknown[], input?: Input): string {
  try {
    build(layers, input);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

const at = (expression: string, point: Record<string, number>) => fractionToBigInt(evaluateExact(expression, point));

describe('transformer kinds', () => {
  it('matmul: batch·m·k·n MACs, role attention, operands (batch × m × k) and (batch × k × n), output batch × m × n', () => {
    const network = build([{ kind: 'matmul', batch: 2, m: 'h_in', k: 'c_in / 2', n: 'h_in', pytorch: '@' }]);
    const [layer] = network.layers;
    expect(layer?.layer).toEqual({ kind: 'matmul', batch: 2, m: 4, k: 4, n: 4, pytorch: '@' });
    expect(layer?.role).toBe('attention');
    expect(layer?.inputs).toEqual([
      { channels: 2, height: 4, width: 4 },
      { channels: 2, height: 4, width: 4 },
    ]);
    expect(layer?.output).toEqual({ channels: 2, height: 4, width: 4 });
    expect(analyze(network, PAPER_CONVENTION).total.macs).toBe(2n * 4n * 4n * 4n);
    expect(failure([{ kind: 'matmul', m: 2, k: 'c_in / 3', n: 2 }])).toMatch(
      /^net\.json:\d+:\d+ at \/layers\/0\/k: k must be a positive integer; received "8\/3"$/,
    );
  });

  it('layernorm: an element-wise LayerNormalization record, 2·C params (γ, β), 0 without affine; role normalization', () => {
    const network = build([{ kind: 'layernorm' }, { kind: 'layernorm', affine: false, pytorch: 'functional' }]);
    expect(network.layers.map((l) => [l.layer, l.role])).toEqual([
      [
        { kind: 'elementwise', op: 'LayerNormalization', group: 'normalization', opsPerElement: 7, params: 16 },
        'normalization',
      ],
      [
        {
          kind: 'elementwise',
          op: 'LayerNormalization',
          group: 'normalization',
          opsPerElement: 7,
          params: 0,
          pytorch: 'functional',
        },
        'normalization',
      ],
    ]);
  });

  it('softmax and gelu: element-wise Softmax (3 ops/element) and Gelu (4) records, no params, shape unchanged', () => {
    const network = build([{ kind: 'softmax', pytorch: 'nn.MultiheadAttention' }, { kind: 'gelu' }]);
    expect(network.layers.map((l) => l.layer)).toEqual([
      {
        kind: 'elementwise',
        op: 'Softmax',
        group: 'activation',
        opsPerElement: 3,
        params: 0,
        pytorch: 'nn.MultiheadAttention',
      },
      { kind: 'elementwise', op: 'Gelu', group: 'activation', opsPerElement: 4, params: 0 },
    ]);
    expect(network.layers.map((l) => l.output)).toEqual([
      { channels: 8, height: 4, width: 1 },
      { channels: 8, height: 4, width: 1 },
    ]);
  });

  it('class-token (+C params, one more token), position-embedding (+C·T), layer-scale (+C): exact in symbolic form too', () => {
    const network = build(
      [{ kind: 'class-token' }, { kind: 'position-embedding' }, { kind: 'layer-scale' }],
      undefined,
      ['tokens', 'd'],
    );
    expect(network.layers.map((l) => [l.layer.kind === 'elementwise' && l.layer.op, l.output.height])).toEqual([
      ['Concat', 5],
      ['Add', 5],
      ['Mul', 5],
    ]);
    const params = symbolicTotal(network, PAPER_CONVENTION, 'params').expression;
    for (const [tokens, d] of [
      [4, 8],
      [196, 768],
      [7, 3],
    ] as const) {
      const concrete = analyze(
        build([{ kind: 'class-token' }, { kind: 'position-embedding' }, { kind: 'layer-scale' }], undefined, [], {
          tokens,
          d,
        }),
        PAPER_CONVENTION,
      ).total;
      const hand = BigInt(d) + BigInt(d * (tokens + 1)) + BigInt(d);
      expect([at(params, { tokens, d }), concrete.params, concrete.macs]).toEqual([hand, hand, 0n]);
    }
    expect(failure([{ kind: 'class-token' }], { channels: 8, height: 2, width: 2 })).toMatch(
      /at \/layers\/0: class-token needs tokens: a C × T × 1 input .*; received "8×2×2"$/,
    );
  });

  it('reshape and select-token move data without a record; the next layer reads the new shape; element counts are checked', () => {
    const network = build(
      [
        { kind: 'reshape', channels: 'c_in', height: 'h_in * w_in', width: 1 },
        { kind: 'conv2d', out: 16, kernel: 1, bias: true, pytorch: 'nn.Linear' },
        { kind: 'select-token' },
        { kind: 'linear', out: 10, pytorch: 'F.linear' },
      ],
      { channels: 'd', height: 2, width: 3 },
    );
    expect(network.layers.map((l) => [l.layer.kind, l.inputs, l.output])).toEqual([
      ['conv2d', [{ channels: 8, height: 6, width: 1 }], { channels: 16, height: 6, width: 1 }],
      ['linear', [{ channels: 16, height: 1, width: 1 }], { channels: 10, height: 1, width: 1 }],
    ]);
    expect(network.layers[0]?.layer).toMatchObject({ kind: 'conv2d', pytorch: 'nn.Linear', bias: true });
    expect(network.layers[1]?.layer).toMatchObject({ kind: 'linear', inFeatures: 16, pytorch: 'F.linear' });
    expect(network.layers[1]?.reads).toEqual([network.layers[0]?.writes]);
    expect(failure([{ kind: 'reshape', channels: 4, height: 4 }])).toMatch(
      /at \/layers\/0: reshape must keep the number of elements; received "4×4×1"; expected 32 elements, as the input 8×4×1$/,
    );
    expect(failure([{ kind: 'select-token' }], { channels: 8, height: 2, width: 2 })).toMatch(
      /select-token needs tokens/,
    );
  });

  it('the schema refuses unknown fields and forms on the new kinds', () => {
    expect(failure([{ kind: 'softmax', axis: 1 }])).toMatch(
      /at \/layers\/0: invalid architecture: unknown field "axis"$/,
    );
    expect(failure([{ kind: 'gelu', pytorch: 'torch.bmm' }])).toMatch(
      /at \/layers\/0\/pytorch: invalid architecture: must be one of/,
    );
    expect(failure([{ kind: 'matmul', m: 1, k: 1 }])).toMatch(/invalid architecture: missing required field "n"$/);
  });
});
