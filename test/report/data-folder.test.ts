/**
 * `report --data DIR` means that folder everywhere: a copy of data/ whose MobileNetV1 stem is
 * widened from depth(32) to depth(40) must show its changed counts in every section that counts
 * MobileNetV1 (zoo tables, the paper reproduction, the Pareto analysis' counted costs), and the
 * package's own data/ must not leak in.
 *
 * Oracle, by hand: the stem's extra 8·max(floor(8·width),…) channels add, per output pixel of the
 * 112×112 (1.0@224) map, 27 stem MACs, 9 depthwise MACs and 64 pointwise MACs per channel:
 * 112·112·8·(27+9+64) = 10,035,200, so 568,740,352 → 578,775,552. At 0.25@128 the stem goes
 * from max(8, 8) = 8 to max(10, 8) = 10 channels on a 64×64 map with 16 pointwise outputs:
 * 64·64·2·(27+9+16) = 425,984, so 13,570,048 → 13,996,032.
 */
import { describe, expect, it } from '@jest/globals';
import { chartFontFiles } from '../../src/io/chart-fonts.js';
import { readDataFiles } from '../../src/io/read-data-files.js';
import { readVegaRuntime } from '../../src/io/vega-runtime.js';
import { reportInputs } from '../../src/report/sections/report-section.js';
import { paretoSection } from '../../src/report/sections/pareto-section.js';
import { reproductionSection } from '../../src/report/sections/reproduction-section.js';
import { zooSection } from '../../src/report/sections/zoo-section.js';

const PATH = 'data/architectures/mobilenet-v1.json';

function modifiedData(): Map<string, string> {
  const files = readDataFiles('data');
  const text = files.get(PATH) ?? '';
  const widened = text.replace('"out": "depth(32)"', '"out": "depth(40)"');
  expect(widened).not.toBe(text);
  files.set(PATH, widened);
  return files;
}

const allText = (files: ReadonlyMap<string, string | Uint8Array>, index: string) =>
  [index, ...[...files.values()].filter((v): v is string => typeof v === 'string')].join('\n');

describe('report --data: one data folder everywhere', () => {
  const inputs = reportInputs(modifiedData(), { fontFiles: chartFontFiles, vegaRuntime: readVegaRuntime });

  it('the zoo section counts the modified MobileNetV1 (578,775,552 MACs at 1.0@224)', async () => {
    const output = await zooSection.build(inputs);
    const text = allText(output.files, output.index);
    expect(text).toContain('578,775,552');
    expect(text).not.toContain('568,740,352');
  });

  it('the reproduction counts the modified model (0.25@128: 13.57M → 14.00M)', async () => {
    const output = await reproductionSection.build(inputs);
    const row = output.index.split('\n').find((line) => line.startsWith('| 1c | MobileNetV1-0.25 | w=0.25 r=128 |'));
    expect(row).toContain('| 14.00 |');
    expect(row).not.toContain('13.57');
  });

  it('the Pareto analysis fills counted costs from the modified model (13.996032 mmacs)', async () => {
    const output = await paretoSection.build(inputs);
    const text = allText(output.files, output.index);
    expect(text).toContain('13.996032');
    expect(text).not.toContain('13.570048');
  });
});
