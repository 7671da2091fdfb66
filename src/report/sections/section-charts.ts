import type { TopLevelSpec } from 'vega-lite';
import { chartFile } from '../../charts/chart-files.js';
import type { ReportInputs } from './report-section.js';

/**
 * The files of one report chart under `base` (relative path without extension): the Vega-Lite
 * spec, the SVG and the PNG (PNG for reading on a repository page). Deterministic but for PNG bytes.
 */
export async function sectionChartFiles(
  base: string,
  spec: TopLevelSpec,
  title: string,
  inputs: ReportInputs,
): Promise<[string, string | Uint8Array][]> {
  return [
    [`${base}.vl.json`, await chartFile(spec, 'vl.json', title, inputs.chartAssets)],
    [`${base}.svg`, await chartFile(spec, 'svg', title, inputs.chartAssets)],
    [`${base}.png`, await chartFile(spec, 'png', title, inputs.chartAssets)],
  ];
}
