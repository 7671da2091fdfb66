import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countModel } from '../../src/index.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { runCli } from '../cli/run-cli.js';

const JSON_FILE = fileURLToPath(new URL('../../data/examples/tiny-net.json', import.meta.url));
const YAML_FILE = fileURLToPath(new URL('../../data/examples/tiny-net.yaml', import.meta.url));
const README = fileURLToPath(new URL('../../data/README.md', import.meta.url));

/*
 * Hand count of data/examples/tiny-net at width 1, resolution 32, 1000 classes.
 * conv MACs = H_out·W_out·C_out·(C_in/groups)·k², SAME padding (H_out = ceil(H/s)).
 *   stem      3×3/2  3→16, 32→16:  16·16·16·3·9   = 110,592   params 432, BN 32
 *   down dw   3×3/2  16, 16→8:      8·8·16·1·9    =   9,216   params 144, BN 32
 *   down pw   1×1   16→32:          8·8·32·16     =  32,768   params 512, BN 64
 *   2 × unit  dw 3×3 32:            8·8·32·9      =  18,432   params 288, BN 64
 *             pw 1×1 32→32:         8·8·32·32     =  65,536   params 1,024, BN 64
 *   fc        32→1000:              32·1000       =  32,000   params 32,000 + 1,000 bias
 * MACs 110,592 + 9,216 + 32,768 + 2·(18,432 + 65,536) + 32,000 = 352,512.
 * params 432+32 + 144+32 + 512+64 + 2·(288+64+1,024+64) + 33,000 = 37,096.
 */
const MACS = 352_512n;
const PARAMS = 37_096n;

describe('data/examples/tiny-net', () => {
  it('JSON and YAML count the hand-computed MACs and params', () => {
    for (const model of [JSON_FILE, YAML_FILE]) {
      const report = countModel({ model });
      expect(report.total.macs).toBe(MACS);
      expect(report.total.params).toBe(PARAMS);
    }
  });

  it('YAML and JSON describe the same network layer by layer', () => {
    const a = countModel({ model: JSON_FILE });
    const b = countModel({ model: YAML_FILE });
    expect(b.layers.map((l) => [l.name, l.role, l.macs])).toEqual(a.layers.map((l) => [l.name, l.role, l.macs]));
  });

  it('derives the documented roles and layer paths', () => {
    const report = countModel({ model: YAML_FILE });
    const convs = report.layers.filter((l) => l.kind === 'conv2d' || l.kind === 'linear').map((l) => [l.name, l.role]);
    expect(convs).toEqual([
      ['stem', 'stem'],
      ['down/depthwise', 'depthwise'],
      ['down/pointwise', 'channel-fusion'],
      ['unit/1/residual/2/separable/depthwise', 'depthwise'],
      ['unit/1/residual/2/separable/pointwise', 'channel-fusion'],
      ['unit/2/residual/2/separable/depthwise', 'depthwise'],
      ['unit/2/residual/2/separable/pointwise', 'channel-fusion'],
      ['fc', 'classifier'],
    ]);
    expect(report.layers.filter((l) => l.kind === 'add').map((l) => l.name)).toEqual([
      'unit/1/residual/add',
      'unit/2/residual/add',
    ]);
  });

  it('scales with the parameters as counted by hand', () => {
    // Resolution 64: every conv map doubles in both sides (×4), the FC is unchanged.
    expect(countModel({ model: YAML_FILE, parameters: { resolution: 64 } }).total.macs).toBe(
      (MACS - 32_000n) * 4n + 32_000n,
    );
    // Width 0.5: ch(16) = make_divisible(8) = 8, ch(32) = 16.
    // stem 16·16·8·27 = 55,296; dw 8·8·8·9 = 4,608; pw 8·8·16·8 = 8,192;
    // 2 × (8·8·16·9 + 8·8·16·16) = 2 × (9,216 + 16,384) = 51,200; fc 16·1000 = 16,000.
    expect(countModel({ model: YAML_FILE, parameters: { width: 0.5 } }).total.macs).toBe(135_296n);
  });

  it('under BFT (k = 4) the three 1×1 convs become butterflies and nothing else changes', () => {
    const report = countModel({ model: YAML_FILE, fusion: DEFAULT_BFT });
    expect(report.layers.filter((l) => l.kind === 'butterfly')).toHaveLength(3);
    const others = report.layers.filter((l) => l.kind !== 'butterfly').reduce((sum, l) => sum + l.macs, 0n);
    expect(others).toBe(MACS - 32_768n - 2n * 65_536n);
  });

  it('`butterflops count data/examples/tiny-net.yaml` works', () => {
    const run = runCli(['count', 'data/examples/tiny-net.yaml']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('tiny-net (width=1, resolution=32, classes=1000)');
    expect(run.stdout).toContain('total macs: 352,512');
    expect(run.stdout).toContain('total params: 37,096');
  });

  it('the YAML example printed in data/README.md is the file', () => {
    const readme = readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf('## Architecture files'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(YAML_FILE, 'utf8'));
  });
});
