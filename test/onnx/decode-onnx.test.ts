import { describe, expect, it } from '@jest/globals';
import { decodeOnnx, MAX_SUPPORTED_OPSET } from '../../src/onnx/decode-onnx.js';
import { encodeModel, int64s, node, weight } from './onnx-test-graph.js';

describe('decodeOnnx', () => {
  it('reads nodes, every attribute form, initializer shapes and typed or raw data', () => {
    const bytes = encodeModel({
      inputs: [['x', ['batch', 3, 8, 8]]],
      initializers: [
        weight('w', [4, 3, 3, 3]),
        int64s('shape', [1, -1]),
        { name: 'typed', dims: [2], dataType: 7, values: [5, 6], typed: true },
      ],
      nodes: [
        node(
          'Conv',
          ['x', 'w'],
          ['y'],
          {
            pads: { ints: [1, 1, 1, 1] },
            group: { int: 1 },
            auto_pad: { str: 'NOTSET' },
            alpha: { float: 0.5 },
            scales: { floats: [1.5, 2] },
            value: { tensor: { dims: [1], dataType: 7, values: [3] } },
          },
          '/block/Conv',
        ),
      ],
    });
    const model = decodeOnnx(bytes, 'm.onnx');
    expect(model.irVersion).toBe(8);
    expect(model.opsets.get('')).toBe(13);
    const conv = model.graph.nodes[0];
    expect(conv?.name).toBe('/block/Conv');
    expect(conv?.opType).toBe('Conv');
    expect(conv?.inputs).toEqual(['x', 'w']);
    expect(conv?.attributes.get('pads')).toEqual({ type: 'ints', value: [1, 1, 1, 1] });
    expect(conv?.attributes.get('group')).toEqual({ type: 'int', value: 1 });
    expect(conv?.attributes.get('auto_pad')).toEqual({ type: 'string', value: 'NOTSET' });
    expect(conv?.attributes.get('alpha')).toEqual({ type: 'float', value: 0.5 });
    expect(conv?.attributes.get('scales')).toEqual({ type: 'floats', value: [1.5, 2] });
    expect(conv?.attributes.get('value')?.type).toBe('tensor');
    expect(model.graph.initializers.get('w')?.dims).toEqual([4, 3, 3, 3]);
    expect(model.graph.initializers.get('shape')?.raw?.length).toBe(16);
    expect(model.graph.initializers.get('typed')?.values).toEqual([5, 6]);
    expect(model.graph.inputs[0]?.dims).toEqual([{ param: 'batch' }, 3, 8, 8]);
  });

  it('keeps raw_data as a view into the file bytes (no copy)', () => {
    const bytes = encodeModel({
      inputs: [['x', [1, 2]]],
      initializers: [int64s('s', [1, 2, 3])],
      nodes: [node('Reshape', ['x', 's'], ['y'])],
    });
    const raw = decodeOnnx(bytes, 'm.onnx').graph.initializers.get('s')?.raw;
    expect(raw?.buffer).toBe(bytes.buffer);
  });

  it('names an empty node by its op type and position', () => {
    const bytes = encodeModel({ inputs: [['x', [1, 2]]], nodes: [node('Relu', ['x'], ['y'], {}, '')] });
    expect(decodeOnnx(bytes, 'm.onnx').graph.nodes[0]?.name).toBe('Relu_0');
  });

  it(`accepts opsets up to ${MAX_SUPPORTED_OPSET} and refuses newer ones`, () => {
    const spec = { inputs: [['x', [1, 2]]] as const, nodes: [node('Relu', ['x'], ['y'])] };
    expect(() => decodeOnnx(encodeModel({ ...spec, opset: MAX_SUPPORTED_OPSET }), 'm.onnx')).not.toThrow();
    expect(() => decodeOnnx(encodeModel({ ...spec, opset: MAX_SUPPORTED_OPSET + 1 }), 'm.onnx')).toThrow(
      `m.onnx: opset ${MAX_SUPPORTED_OPSET + 1} of the default ONNX domain is not supported`,
    );
  });
});
