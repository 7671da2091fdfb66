/**
 * The `latency` command's output: per model the median and spread of whole-network times, then
 * per layer its profiled time next to its MACs and bytes moved; the machine, load and settings
 * always printed. Table, CSV (one row per layer) or JSON (exact integers).
 */
import type { LayerTime } from '../latency/layer-times.js';
import type { LatencyResult, ModelLatency } from '../latency/latency-result.js';
import { stringifyExact } from '../text/json.js';
import { withSuffix, withThousands } from '../text/numbers.js';
import { csvCell, renderTable } from '../text/table.js';

export const LATENCY_FORMATS = ['table', 'csv', 'json'] as const;
export type LatencyFormat = (typeof LATENCY_FORMATS)[number];

/** The measurement in `format`. */
export function formatLatency(result: LatencyResult, format: LatencyFormat): string {
  if (format === 'json') return `${stringifyExact(result)}\n`;
  if (format === 'csv') return csv(result);
  const { machine, settings } = result;
  const lines = [
    `machine: ${machine.cpu}, ${machine.cores} logical cores, ${machine.platform}; Node ${machine.node}, onnxruntime-node ${machine.onnxruntime}`,
    `load average (1/5/15 min): ${machine.loadBefore.join(' / ')} before, ${machine.loadAfter.join(' / ')} after`,
    `settings: ${settings.threads} intra-op thread(s), ${settings.warmup} warm-up + ${settings.runs} timed runs${settings.interleaved ? ', interleaved' : ''}; per-layer times: median of ${settings.profiledRuns} profiled runs`,
    '',
  ];
  if (result.device !== undefined) {
    const d = result.device;
    lines.splice(
      3,
      0,
      `roofline: device profile ${d.device} (${d.threads} thread(s), load ${d.loadAverage.join('/')}): peak ${(d.peakMacsPerSecond / 1e9).toFixed(1)} GMAC/s, bandwidth ${(d.bandwidthBytesPerSecond / 1e9).toFixed(1)} GB/s; predicted = max(MACs / peak, bytes / bandwidth)`,
    );
  }
  for (const model of result.models) lines.push(...modelLines(model), '');
  if (result.models.length === 2) {
    const [a, b] = result.models;
    if (a !== undefined && b !== undefined) {
      lines.push(
        `${b.label} / ${a.label}: time ${ratio(b.milliseconds.median, a.milliseconds.median)}, MACs ${ratio(Number(b.macs), Number(a.macs))}`,
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function modelLines(model: ModelLatency): string[] {
  const t = model.milliseconds;
  const lines = [
    `${model.label}: median ${t.median.toFixed(2)} ms (quartiles ${t.q1.toFixed(2)}–${t.q3.toFixed(2)}, min ${t.min.toFixed(2)}, max ${t.max.toFixed(2)}, ${t.samples} runs); ${withSuffix(model.macs)} MACs, ${withThousands(model.params)} params`,
  ];
  const layers = model.layers;
  if (layers === undefined) return lines;
  const total =
    layers.layers.reduce((sum, l) => sum + l.microseconds, 0) +
    layers.unattributed.reduce((sum, n) => sum + n.microseconds, 0);
  const predicted = layers.layers.some((l) => l.roofline !== undefined);
  const rows = layers.layers
    .filter((l) => l.microseconds > 0 || l.macs > 0n)
    .map((l) => [
      l.layer,
      l.kind,
      withThousands(l.macs),
      withThousands(l.bytesExported),
      l.microseconds.toFixed(0),
      share(l.microseconds, total),
      l.microseconds > 0 && l.macs > 0n ? (Number(l.macs) / l.microseconds / 1e3).toFixed(2) : '',
      ...(predicted ? roofColumns(l.roofline, l.microseconds) : []),
    ]);
  for (const node of layers.unattributed)
    rows.push([
      `(runtime) ${node.node}`,
      node.op,
      '',
      '',
      node.microseconds.toFixed(0),
      share(node.microseconds, total),
      '',
      ...(predicted ? ['', '', ''] : []),
    ]);
  const headers: [string, 'left' | 'right'][] = [
    ['layer', 'left'],
    ['kind', 'left'],
    ['macs', 'right'],
    ['bytes moved', 'right'],
    ['µs', 'right'],
    ['share', 'right'],
    ['GMAC/s', 'right'],
    ...(predicted
      ? ([
          ['predicted µs', 'right'],
          ['bound', 'left'],
          ['measured / predicted', 'right'],
        ] as [string, 'left' | 'right'][])
      : []),
  ];
  lines.push(renderTable({ columns: headers.map(([header, align]) => ({ header, align })), rows }, 'table').trimEnd());
  lines.push(
    `(layers with 0 µs were fused by the runtime into the layer before them; profiled kernels sum to ${(total / 1000).toFixed(2)} ms)`,
  );
  return lines;
}

function roofColumns(roof: LayerTime['roofline'], measured: number): string[] {
  if (roof === undefined) return ['', '', ''];
  return [
    roof.predictedMicroseconds.toFixed(0),
    roof.bound,
    measured > 0 && roof.predictedMicroseconds > 0 ? `${(measured / roof.predictedMicroseconds).toFixed(1)}×` : '',
  ];
}

function csv(result: LatencyResult): string {
  const rows = [
    'model,layer,kind,macs,bytes_exported,bytes_minimum,microseconds,predicted_microseconds,model_median_ms',
  ];
  for (const model of result.models) {
    for (const l of model.layers?.layers ?? []) {
      rows.push(
        [
          quote(model.label),
          quote(l.layer),
          l.kind,
          l.macs,
          l.bytesExported,
          l.bytesMinimum,
          l.microseconds.toFixed(1),
          l.roofline?.predictedMicroseconds.toFixed(1) ?? '',
          model.milliseconds.median.toFixed(3),
        ].join(','),
      );
    }
    for (const n of model.layers?.unattributed ?? [])
      rows.push(
        [
          quote(model.label),
          quote(`(runtime) ${n.node}`),
          quote(n.op),
          '',
          '',
          '',
          n.microseconds.toFixed(1),
          '',
          model.milliseconds.median.toFixed(3),
        ].join(','),
      );
  }
  return `${rows.join('\n')}\n`;
}

function quote(text: string): string {
  return csvCell(text);
}

function share(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '';
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}×` : '';
}
