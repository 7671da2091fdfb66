import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_STATE,
  EXTRA_OPS,
  hashFromState,
  stateFromHash,
  type ExplorerState,
} from '../../src/explorer/explorer-state.js';
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
    expect(stateFromHash('model=x&set.base=3&base=8')).toMatchObject({ parameters: { base: 3 }, base: 8 });
  });

  it('count=all means every extra op; bad option values fall back to the defaults', () => {
    expect(stateFromHash('count=all').count).toEqual([...EXTRA_OPS]);
    expect(stateFromHash('fusion=dense&base=1&log-mode=x&params-rule=y')).toEqual(DEFAULT_STATE);
  });

  it('round-trips every state (property)', () => {
    const state: fc.Arbitrary<ExplorerState> = fc.record({
      model: fc.constantFrom('mobilenet-v1', 'resnet-50', 'file:my net.yaml'),
      parameters: fc.dictionary(
        fc.constantFrom('width', 'resolution', 'variant', 'stage4', 'base', 'count'),
        fc.oneof(fc.integer({ min: 1, max: 2048 }), fc.constantFrom(0.25, 1.4, 'torchvision', 'v1.5', 'a&b=c')),
      ),
      fusion: fc.constantFrom('pointwise' as const, 'bft' as const),
      base: fc.integer({ min: 2, max: 16 }),
      logMode: fc.constantFrom(...BUTTERFLY_LOG_MODES),
      shapePolicy: fc.constantFrom(...BUTTERFLY_SHAPE_POLICIES),
      residual: fc.boolean(),
      fuseSe: fc.boolean(),
      fuseAttention: fc.boolean(),
      fuseAll: fc.boolean(),
      paramsRule: fc.constantFrom(...PARAMS_RULES),
      count: fc.subarray([...EXTRA_OPS]),
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
