import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  boundsOf,
  controlIdOf,
  conventionOf,
  DEFAULT_STATE,
  EXTRA_OPS,
  fusionOf,
  hashFromState,
  parametersOf,
  stateFromHash,
  trainingOf,
  type ExplorerState,
} from '../../src/explorer/explorer-state.js';
import { runCli } from '../cli/run-cli.js';
import { boundOption } from '../../src/cli/model-options.js';
import { PARAMS_RULES } from '../../src/model/convention.js';
import { BUTTERFLY_LOG_MODES, BUTTERFLY_SHAPE_POLICIES } from '../../src/model/layer.js';
import { explorerHtml } from '../../src/report/explorer-html.js';

describe('explorer state in the URL hash', () => {
  it("reads the issue's example link", () => {
    expect(stateFromHash('#model=mobilenet-v1&width=2&fusion=bft')).toEqual({
      ...DEFAULT_STATE,
      parameters: { width: 2 },
      fusion: 'bft',
    });
  });

  it('writes only what differs from the defaults, the model first, parameters by name', () => {
    expect(hashFromState(DEFAULT_STATE)).toBe('model=mobilenet-v1');
    expect(
      hashFromState({
        ...DEFAULT_STATE,
        model: 'resnet-50',
        parameters: { variant: 'v1.5', resolution: 160 },
        count: ['bn', 'act'],
        residual: false,
      }),
    ).toBe('model=resnet-50&resolution=160&variant=v1.5&residual=false&count=bn,act');
    // A parameter named like an option is written set.<name>.
    expect(hashFromState({ ...DEFAULT_STATE, parameters: { base: 3 } })).toBe('model=mobilenet-v1&set.base=3');
    expect(stateFromHash('model=x&set.base=3&base=8')).toMatchObject({ parameters: { base: 3 }, base: '8' });
  });

  it('count=all means every extra op; bad option values are kept as written (the translation refuses them)', () => {
    expect(stateFromHash('count=all').count).toEqual([...EXTRA_OPS]);
    expect(stateFromHash('fusion=dense&base=1&log-mode=x&params-rule=y')).toEqual({
      ...DEFAULT_STATE,
      fusion: 'dense',
      base: '1',
      logMode: 'x',
      paramsRule: 'y',
    });
  });

  // What the CLI refuses (its option parsers, `cli/model-options.ts`), the page refuses the same way,
  // in its own words: the control's label. The expected texts are the CLI's (see the CLI check below).
  it.each([
    ['fusion=bft&base=1', 'BFT base k: invalid value; received "1"; expected an integer >= 2'],
    ['fusion=bft&base=2.5', 'BFT base k: invalid value; received "2.5"; expected an integer >= 2'],
    ['base=x', 'BFT base k: invalid value; received "x"; expected an integer >= 2'],
    ['fusion=dense', 'Fusion: invalid value; received "dense"; expected one of pointwise, bft'],
    ['log-mode=x', 'Log mode: invalid value; received "x"; expected one of ceil, real, padded, mixed-radix'],
    ['shape-policy=x', 'Shape policy: invalid value; received "x"; expected one of official, square-max'],
  ])('#%s is refused: %s', (hash, message) => {
    expect(() => fusionOf(stateFromHash(hash))).toThrow(message);
  });

  it.each([
    ['params-rule=y', 'Params rule: invalid value; received "y"; expected one of'],
    [
      'count=bn,flops',
      'Extra non-MAC ops in FLOPs: invalid value; received "bn,flops"; expected a comma-separated list',
    ],
  ])('#%s is refused: %s', (hash, message) => {
    expect(() => conventionOf(stateFromHash(hash))).toThrow(message);
  });

  it.each([
    ['width=0', 'Width: invalid value; received 0; expected a number > 0'],
    ['width=-1', 'Width: invalid value; received -1; expected a number > 0'],
    ['resolution=0', 'Resolution: invalid value; received 0; expected an integer >= 1'],
    ['resolution=2.5', 'Resolution: invalid value; received 2.5; expected an integer >= 1'],
    ['classes=x', 'Classes: invalid value; received "x"; expected an integer >= 1'],
  ])('#%s is refused: %s', (hash, message) => {
    expect(() => parametersOf(stateFromHash(hash))).toThrow(message);
  });

  it('the CLI refuses the same values with the same expectation', () => {
    for (const [args, expected] of [
      [['--fusion', 'bft', '--base', '2.5'], '--base: invalid base; received "2.5"; expected an integer >= 2'],
      [['--base', '1'], '--base: invalid base; received "1"; expected an integer >= 2'],
      [['--resolution', '2.5'], '--resolution: invalid resolution; received "2.5"; expected an integer >= 1'],
      [['--count', 'bn,flops'], 'expected a comma-separated list of bias, bn, act, pool, eltwise, all'],
    ] as const) {
      const cli = runCli(['count', 'mobilenet-v1', ...args]);
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain(expected);
    }
  });

  it('keeps bounds of data-dependent sizes as bound.<node> keys, checked as the CLI checks --bound node=N', () => {
    const state = { ...DEFAULT_STATE, model: 'file:loop.onnx', bounds: { '/Loop_1': '12', '/Loop': '0' } };
    expect(hashFromState(state)).toBe('model=file%3Aloop.onnx&bound.%2FLoop=0&bound.%2FLoop_1=12');
    expect(stateFromHash(hashFromState(state))).toEqual(state);
    expect(boundsOf(state)).toEqual({ '/Loop': 0, '/Loop_1': 12 });
    for (const value of ['-1', '2.5', 'x', '', '1e3']) {
      expect(() => boundsOf({ ...state, bounds: { '/Loop': value } })).toThrow(
        `Bound of /Loop: invalid value; received ${JSON.stringify(value)}; expected an integer >= 0`,
      );
      // The CLI's --bound parser refuses the same values.
      expect(() => boundOption(`/Loop=${value}`)).toThrow('expected node=N with N a non-negative integer');
    }
    expect(boundOption('/Loop=12')).toEqual({ '/Loop': 12 });
  });

  it('keeps a training step as the CLI writes it: training, freeze and trainable keys, globs split on commas', () => {
    const state = { ...DEFAULT_STATE, model: 'resnet-18', training: true, freeze: ' conv1 , layer1/*,', trainable: '' };
    expect(hashFromState(state)).toBe('model=resnet-18&training=true&freeze=+conv1+,+layer1%2F*,');
    expect(stateFromHash(hashFromState(state))).toEqual(state);
    // The CLI's --freeze conv1 --freeze 'layer1/*'.
    expect(trainingOf(state)).toEqual({ freeze: ['conv1', 'layer1/*'] });
    expect(trainingOf({ ...state, freeze: '', trainable: 'fc' })).toEqual({ trainable: ['fc'] });
    // Without a training step the globs mean nothing (their fields are off).
    expect(trainingOf({ ...state, training: false })).toBeUndefined();
    expect(controlIdOf('Frozen layers (globs)', [])).toBe('freeze');
  });

  it("maps a message's field back to its control", () => {
    expect(controlIdOf('BFT base k', [])).toBe('base');
    expect(controlIdOf('Heads', ['width', 'heads'])).toBe('param-heads');
    expect(controlIdOf('Width', [])).toBe('param-width');
    expect(controlIdOf('--base', [])).toBeUndefined();
  });

  it('round-trips every state (property)', () => {
    const state: fc.Arbitrary<ExplorerState> = fc.record({
      model: fc.constantFrom('mobilenet-v1', 'resnet-50', 'file:my net.yaml'),
      parameters: fc.dictionary(
        fc.constantFrom('width', 'resolution', 'variant', 'stage4', 'base', 'count'),
        fc.oneof(fc.integer({ min: 1, max: 2048 }), fc.constantFrom(0.25, 1.4, 'torchvision', 'v1.5', 'a&b=c')),
      ),
      bounds: fc.dictionary(
        fc.constantFrom('/Loop', '/roi_heads/Loop_1', 'loop 1', 'a&b=c', 'bound.x'),
        fc.constantFrom('0', '10', '150', '2.5', 'x'),
      ),
      fusion: fc.constantFrom('pointwise', 'bft'),
      base: fc.integer({ min: 2, max: 16 }).map(String),
      logMode: fc.constantFrom(...BUTTERFLY_LOG_MODES),
      shapePolicy: fc.constantFrom(...BUTTERFLY_SHAPE_POLICIES),
      residual: fc.boolean(),
      fuseSe: fc.boolean(),
      fuseAttention: fc.boolean(),
      fuseAll: fc.boolean(),
      paramsRule: fc.constantFrom(...PARAMS_RULES),
      count: fc.subarray([...EXTRA_OPS]),
      training: fc.boolean(),
      freeze: fc.constantFrom('', 'conv1', 'block1/*, block2/*', 'a&b=c,#x'),
      trainable: fc.constantFrom('', 'fc', 'layer4.*'),
    });
    fc.assert(
      fc.property(state, (s) => {
        expect(stateFromHash(`#${hashFromState(s)}`)).toEqual(s);
      }),
    );
  });
});

describe('explorer HTML', () => {
  it('inlines the script and data so that no </script> can end an element early', () => {
    const html = explorerHtml(
      { page: 'console.log(1)', deferredGzipBase64: 'H4sI' },
      new Map([['data/architectures/a.json', '{"x": "</script><b>"}']]),
    );
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('\\u003c/script>\\u003cb>');
    expect(() => explorerHtml({ page: 'let s = "</script>"', deferredGzipBase64: '' }, new Map())).toThrow(
      'cannot be inlined',
    );
    expect(() => explorerHtml({ page: '', deferredGzipBase64: '</script>' }, new Map())).toThrow('not base64');
  });
});
