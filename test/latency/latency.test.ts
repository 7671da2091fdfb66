/**
 * The pure latency parts against hand-computed values: quantiles (numpy's default, type 7),
 * a hand-written profiler trace, node → layer attribution, bytes moved by a butterfly.
 */
import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { DEFAULT_BFT, loadNetwork } from '../../src/index.js';
import { layerBytes } from '../../src/latency/bytes-moved.js';
import { parseDeviceProfile, roofline } from '../../src/latency/device-profile.js';
import { layerTimes } from '../../src/latency/layer-times.js';
import { nodeTimes } from '../../src/latency/profile-events.js';
import { quantile, summarize } from '../../src/latency/statistics.js';
import { paperConfigurations } from '../../src/latency/measurements.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';
import { readFileSync } from 'node:fs';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import type { NetworkLayer } from '../../src/model/network.js';

describe('statistics', () => {
  it('quartiles by linear interpolation (numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = 1.75, 2.5, 3.25)', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4, samples: 4 });
    expect(quantile([10], 0.3)).toBe(10);
  });
});

describe('nodeTimes', () => {
  it("sums a node's kernel events per run, skips warm-up runs, takes the median over runs", () => {
    const run = (ts: number) => ({ cat: 'Session', name: 'model_run', ts, dur: 100 });
    const kernel = (name: string, ts: number, dur: number, op = 'Conv') => ({
      cat: 'Node',
      name: `${name}_kernel_time`,
      ts,
      dur,
      args: { op_name: op },
    });
    const events = [
      run(0),
      kernel('a/Conv', 10, 999), // warm-up
      run(200),
      kernel('a/Conv', 210, 5),
      kernel('a/Conv', 220, 1),
      kernel('b/Relu', 230, 2, 'Relu'),
      { cat: 'Node', name: 'a/Conv_fence_before', ts: 211, dur: 50 },
      run(400),
      kernel('a/Conv', 410, 8),
      kernel('b/Relu', 430, 4, 'Relu'),
      run(600),
      kernel('a/Conv', 610, 7),
    ];
    expect(nodeTimes(events, 1)).toEqual([
      { node: 'a/Conv', op: 'Conv', microseconds: 7 }, // runs: 6, 8, 7
      { node: 'b/Relu', op: 'Relu', microseconds: 2 }, // runs: 2, 4, 0
    ]);
  });
});

describe('layerTimes', () => {
  const network = loadNetwork({ model: 'data/examples/tiny-net.yaml', fusion: { ...DEFAULT_BFT, base: 2 } });
  const report = analyze(network, PAPER_CONVENTION);
  it('attributes nodes by layer-name prefix, runtime-fused convs to the conv, the rest to nobody', () => {
    const names = network.layers.map((l) => l.name);
    expect(names).toContain('stem');
    expect(names).toContain('down/pointwise');
    const relu = network.layers.find((l) => l.layer.kind === 'activation')?.name ?? '';
    const times = layerTimes(network, report, [
      { node: `${relu}/Relu:0_nchwc`, op: 'Conv', microseconds: 30 }, // stem conv + BN + ReLU fused, named after the ReLU's output
      { node: 'down/pointwise/square0/bft0/shuffle/Transpose', op: 'Transpose', microseconds: 5 },
      { node: 'down/pointwise/square1/bft3/Conv', op: 'Conv', microseconds: 7 },
      { node: 'ReorderOutput_token_3', op: 'ReorderOutput', microseconds: 1 },
    ]);
    const byName = new Map(times.layers.map((l) => [l.layer, l]));
    expect(byName.get('stem')?.microseconds).toBe(30);
    expect(byName.get(relu)?.microseconds).toBe(0);
    expect(byName.get('down/pointwise')).toMatchObject({ microseconds: 12, nodes: 2, kind: 'butterfly' });
    expect(times.unattributed.map((n) => n.node)).toEqual(['ReorderOutput_token_3']);
    // a PyTorch export's node names start with a slash, the imported layers' do not
    const again = layerTimes(network, report, [
      { node: '/down/pointwise/square1/bft3/Conv', op: 'Conv', microseconds: 7 },
    ]);
    expect(again.layers.find((l) => l.layer === 'down/pointwise')?.microseconds).toBe(7);
  });
});

describe('layerBytes', () => {
  it('a 16-channel base-2 butterfly with residual on 8×8 pixels: 4 layers × (shuffle + conv) × 2 passes', () => {
    const entry: NetworkLayer = {
      name: 'b',
      role: 'channel-fusion',
      reads: [0],
      writes: 1,
      source: '',
      layer: {
        kind: 'butterfly',
        inChannels: 16,
        outChannels: 16,
        base: 2,
        logMode: 'ceil',
        shapePolicy: 'official',
        residual: true,
      },
      inputs: [{ channels: 16, height: 8, width: 8 }],
      output: { channels: 16, height: 8, width: 8 },
    };
    // activations: 16·64 values × 4 layers × 4 passes = 16384; residual 3·16·64 = 3072; weights 2·16·4 = 128
    expect(layerBytes(entry, 128n)).toEqual({
      exported: 4n * (16384n + 3072n + 128n),
      minimum: 4n * (1024n + 1024n + 128n),
    });
  });

  it('the same butterfly on a 2×4×8 clip (64 positions, issue 21) moves the same bytes', () => {
    const entry: NetworkLayer = {
      name: 'b',
      role: 'channel-fusion',
      reads: [0],
      writes: 1,
      source: '',
      layer: {
        kind: 'butterfly',
        inChannels: 16,
        outChannels: 16,
        base: 2,
        logMode: 'ceil',
        shapePolicy: 'official',
        residual: true,
      },
      inputs: [{ channels: 16, outer: [2], height: 4, width: 8 }],
      output: { channels: 16, outer: [2], height: 4, width: 8 },
    };
    expect(layerBytes(entry, 128n)).toEqual({
      exported: 4n * (16384n + 3072n + 128n),
      minimum: 4n * (1024n + 1024n + 128n),
    });
  });
});

describe('roofline', () => {
  const profile = {
    device: 'd',
    runtime: 'r',
    threads: 1,
    peakMacsPerSecond: 1e11,
    bandwidthBytesPerSecond: 1e10,
    loadAverage: [],
  };
  it('compute-bound: 1e9 MACs over 4e6 bytes at 1e11 MAC/s and 1e10 B/s → 10 ms (memory alone would be 0.4 ms)', () => {
    expect(roofline(1_000_000_000n, 4_000_000n, profile)).toEqual({
      intensity: 250,
      predictedMicroseconds: 10_000,
      bound: 'compute',
    });
  });
  it('memory-bound: 1e6 MACs over 4e7 bytes → 4 ms', () => {
    expect(roofline(1_000_000n, 40_000_000n, profile)).toMatchObject({ predictedMicroseconds: 4000, bound: 'memory' });
  });
  it('a device profile without a positive peak is a located UserError', () => {
    expect(() =>
      parseDeviceProfile({ threads: 1, peakMacsPerSecond: 0, bandwidthBytesPerSecond: 1 }, 'dev.json'),
    ).toThrow('positive number "peakMacsPerSecond"');
    expect(parseDeviceProfile(profile, 'dev.json')).toEqual(profile);
  });
});

describe('paperConfigurations', () => {
  it('the distinct MobileNetV1/ShuffleNetV2 pointwise and BFT configurations of the paper file (hand count: 7 + 7 + 3 + 3 = 20)', () => {
    const records = parseResultsCsv(readFileSync('data/results/bft-paper.csv', 'utf8'), 'bft-paper.csv');
    const configurations = paperConfigurations(records);
    expect(configurations).toHaveLength(20);
    expect(configurations.filter((c) => c.arch === 'shufflenet-v2').map((c) => c.resolution)).toEqual([128, 160, 224]); // 224 listed twice
    expect(configurations).toContainEqual({ arch: 'mobilenet-v1', width: 2, resolution: 224, fusion: 'bft' });
    expect(configurations.some((c) => c.arch === 'mobilenet-v3-small')).toBe(false);
  });
});
