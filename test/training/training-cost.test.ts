/**
 * Training counts against hand-derived numbers (issue 24): the two checks the issue states, a
 * hand-built graph for gradient propagation through residuals and concatenations, and closed
 * forms for a frozen prefix. None of these numbers comes from the code under test.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BFT, loadNetwork } from '../../src/index.js';
import { UserError } from '../../src/errors.js';
import type { Layer } from '../../src/model/layer.js';
import type { Network, NetworkLayer } from '../../src/model/network.js';
import type { Shape } from '../../src/model/shape.js';
import { trainingCost } from '../../src/training/training-cost.js';

describe('the issue’s hand checks', () => {
  it('ResNet-18 with only fc trainable: backward = fc’s weight gradient, 512 × 1000 = 512,000 MACs', () => {
    const training = trainingCost(loadNetwork({ model: 'resnet-18' }), { trainable: ['fc'] });
    expect(training.total.backwardMacs).toBe(512_000n);
    expect(training.total.weightGradientMacs).toBe(512_000n);
    expect(training.total.inputGradientMacs).toBe(0n);
    // fc's params: 512·1000 weights + 1000 biases.
    expect(training.total.trainableParams).toBe(513_000n);
  });

  it('MobileNetV1-1.0 all trainable: backward = 2 × forward − the stem’s input gradient (112·112·32·3·3·3)', () => {
    const stemInputGradient = 112n * 112n * 32n * 3n * 3n * 3n;
    expect(stemInputGradient).toBe(10_838_016n);
    const training = trainingCost(loadNetwork({ model: 'mobilenet-v1' }));
    // Forward MACs of MobileNetV1-1.0 at 224: 568,740,352 (Howard et al. 2017 print "569 M").
    expect(training.total.forwardMacs).toBe(568_740_352n);
    expect(training.total.backwardMacs).toBe(2n * 568_740_352n - stemInputGradient);
  });
});

const S = (channels: number, height = 4, width = 4): Shape => ({ channels, height, width });

function conv(cIn: number, cOut: number, k = 1): Layer {
  return {
    kind: 'conv2d',
    inChannels: cIn,
    outChannels: cOut,
    kernelH: k,
    kernelW: k,
    stride: 1,
    padding: { mode: 'same' },
    groups: 1,
    bias: false,
  };
}

function at(name: string, layer: Layer, reads: number[], writes: number, inputs: Shape[], output: Shape): NetworkLayer {
  return { name, role: 'other', layer, inputs, output, reads, writes, source: '' };
}

/**
 * The network input (tensor 0) feeds a (3→8) and e (3→4); a feeds two branches b and c
 * (8→8 each), concatenated and mixed by d (16→4); the output is d + e. All are 1×1 convs on
 * 4×4 maps, so a conv cIn → cOut costs 16·cIn·cOut MACs forward.
 */
function graph(): Network {
  const layers: NetworkLayer[] = [
    at('a', conv(3, 8), [0], 1, [S(3)], S(8)),
    at('b', conv(8, 8), [1], 2, [S(8)], S(8)),
    at('c', conv(8, 8), [1], 3, [S(8)], S(8)),
    at('cat', { kind: 'concat' }, [2, 3], 4, [S(8), S(8)], S(16)),
    at('d', conv(16, 4), [4], 5, [S(16)], S(4)),
    at('e', conv(3, 4), [0], 6, [S(3)], S(4)),
    at('sum', { kind: 'add' }, [5, 6], 7, [S(4), S(4)], S(4)),
  ];
  return { model: 'hand', parameters: {}, free: [], input: S(3), layers };
}

const MACS = { a: 384n, b: 1024n, c: 1024n, d: 1024n, e: 192n };

describe('gradient propagation over a hand-built graph', () => {
  it('everything trainable: weight gradients everywhere, input gradients except where the input is the image', () => {
    const t = trainingCost(graph());
    const weight = MACS.a + MACS.b + MACS.c + MACS.d + MACS.e;
    const input = MACS.b + MACS.c + MACS.d; // a and e read the network input
    expect(t.total.weightGradientMacs).toBe(weight);
    expect(t.total.inputGradientMacs).toBe(input);
  });

  it('only c trains: d differentiates its input (the concatenation carries c’s branch), b and e nothing', () => {
    const t = trainingCost(graph(), { trainable: ['c'] });
    expect(t.total.weightGradientMacs).toBe(MACS.c);
    expect(t.total.inputGradientMacs).toBe(MACS.d);
    const byName = new Map(t.layers.map((l) => [l.name, l]));
    expect(byName.get('cat')?.inputGradients).toEqual([false, true]);
    expect(byName.get('sum')?.inputGradients).toEqual([true, false]);
  });

  it('a frozen, the rest trainable: b, c read a tensor no parameter lies before', () => {
    const t = trainingCost(graph(), { freeze: ['a'] });
    expect(t.total.weightGradientMacs).toBe(MACS.b + MACS.c + MACS.d + MACS.e);
    expect(t.total.inputGradientMacs).toBe(MACS.d);
  });

  it('only e trains: nothing but e’s weight gradient (the residual sum does not reach back into d)', () => {
    const t = trainingCost(graph(), { trainable: ['e'] });
    expect(t.total.backwardMacs).toBe(MACS.e);
  });

  it('a glob that matches no layer with parameters is a UserError naming it', () => {
    expect(() => trainingCost(graph(), { freeze: ['nope*'] })).toThrow(UserError);
    expect(() => trainingCost(graph(), { freeze: ['nope*'] })).toThrow(
      'freeze: "nope*" matches no layer with parameters',
    );
    expect(() => trainingCost(graph(), { trainable: ['cat'] })).toThrow('trainable: "cat"');
  });
});

describe('closed forms', () => {
  it('MobileNetV1 with the stem and the first k blocks frozen: backward = Σ weight grads of the rest + their input grads except the first trainable layer’s', () => {
    const network = loadNetwork({ model: 'mobilenet-v1' });
    const convs = network.layers.filter((l) => l.layer.kind === 'conv2d' || l.layer.kind === 'linear');
    const full = trainingCost(network);
    const forward = new Map(full.layers.map((l) => [l.name, l.forwardMacs]));
    // Freeze the stem (and its batch norm) by name: the first trainable layer is the first depthwise conv.
    const frozen = network.layers.slice(0, network.layers.indexOf(convs[1] as NetworkLayer)).map((l) => l.name);
    const t = trainingCost(network, { freeze: frozen.filter((n) => !/relu/.test(n)) });
    const rest = convs.slice(1).map((l) => forward.get(l.name) ?? 0n);
    const sum = rest.reduce((a, b) => a + b, 0n);
    expect(t.total.weightGradientMacs).toBe(sum);
    expect(t.total.inputGradientMacs).toBe(sum - (rest[0] ?? 0n));
  });

  it('a BFT MobileNetV1: every butterfly factor differentiated, 2 × forward − the stem’s input gradient', () => {
    const t = trainingCost(loadNetwork({ model: 'mobilenet-v1', fusion: DEFAULT_BFT }));
    expect(t.total.backwardMacs).toBe(2n * t.total.forwardMacs - 10_838_016n);
  });
});
