import { InvalidArgumentError, Option, type Command } from 'commander';
import { decimal, withSuffix } from '../text/numbers.js';
import { renderTable, TABLE_FORMATS, type TableFormat } from '../text/table.js';
import { equalCostPairs, matchBudget, type EqualCostPair, type MatchCandidate } from '../search/match.js';
import { addConventionOptions, addFusionOptions, addParameterOptions, countRequestFrom, fusionFrom, type ModelOptionValues } from './model-options.js';

/** "41M", "1.5G", "41000000" → MACs. */
function budget(text: string): bigint {
  const match = /^(\d+(?:\.\d+)?)([kMG]?)$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError('expected MACs such as 41M, 1.5G or 41000000');
  const [whole = '0', fraction = ''] = (match[1] ?? '0').split('.');
  const scale = { '': 0, k: 3, M: 6, G: 9 }[match[2] ?? ''] ?? 0;
  if (fraction.length > scale) throw new InvalidArgumentError('too many decimals for a whole number of MACs');
  const macs = BigInt(whole + fraction.padEnd(scale, '0'));
  if (macs <= 0n) throw new InvalidArgumentError('expected a budget > 0');
  return macs;
}

/** "5%" or "0.05" → 0.05. */
function tolerance(text: string): number {
  const percent = text.trim().endsWith('%');
  const value = Number(percent ? text.trim().slice(0, -1) : text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a tolerance such as 5% or 0.05');
  return percent ? value / 100 : value;
}

/** "0.25:2:0.25" (start:stop:step, inclusive) or "0.5,1,2" → numbers. */
function grid(text: string): number[] {
  const range = /^([\d.]+):([\d.]+):([\d.]+)$/.exec(text.trim());
  if (range) {
    const [start, stop, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (!(step > 0) || stop < start) throw new InvalidArgumentError('expected start:stop:step with step > 0 and stop >= start');
    const values: number[] = [];
    for (let i = 0; start + i * step <= stop + 1e-9; i++) values.push(Number((start + i * step).toFixed(6)));
    return values;
  }
  const values = text.split(',').map((item) => Number(item.trim()));
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new InvalidArgumentError('expected start:stop:step or a comma-separated list of numbers > 0');
  return values;
}

const row = (c: MatchCandidate) => [
  String(c.width), String(c.resolution), withSuffix(c.macs), `${c.deviationPercent >= 0 ? '+' : ''}${c.deviationPercent.toFixed(1)} %`,
  withSuffix(c.params), `${decimal(c.peakActivationBytes, 1_000_000n, 2)}MB`,
];
const COLUMNS = [
  { header: 'width', align: 'right' as const }, { header: 'resolution', align: 'right' as const }, { header: 'macs', align: 'right' as const },
  { header: 'vs budget', align: 'right' as const }, { header: 'params', align: 'right' as const }, { header: 'peak activations', align: 'right' as const },
];

/**
 * One CSV for both tables, exact integers: `kind` is `match` (a grid configuration near the
 * budget) or `equal-cost` (the BFT configuration of each width matching a baseline's MACs).
 */
function matchCsv(matches: readonly MatchCandidate[], pairs: readonly EqualCostPair[]): string {
  const cells = (c: MatchCandidate) => [String(c.width), String(c.resolution), c.macs.toString(), c.deviationPercent.toFixed(3), c.params.toString(), c.peakActivationBytes.toString()];
  const columns = ['kind', 'baseline_width', 'baseline_resolution', 'baseline_macs', 'width', 'resolution', 'macs', 'deviation_percent', 'params', 'peak_activation_bytes'];
  const rows = [
    ...matches.map((c) => ['match', '', '', '', ...cells(c)]),
    ...pairs.flatMap((pair) => pair.bft.map((b) => ['equal-cost', String(pair.baseline.width), String(pair.baseline.resolution), pair.baseline.macs.toString(), ...cells(b)])),
  ];
  return renderTable({ columns: columns.map((header) => ({ header })), rows }, 'csv');
}

/** `butterflops match <model> --budget 41M`: configurations of (nearly) equal MACs. */
export function register(program: Command): Command {
  const command = program
    .command('match')
    .description('width × resolution configurations whose MACs are within a tolerance of a budget, closest first, and the BFT configuration of equal cost for each baseline')
    .argument('<model>', 'zoo id or path to an architecture file')
    .requiredOption('--budget <macs>', 'MAC budget, e.g. 41M', budget)
    .option('--tolerance <t>', 'relative tolerance, e.g. 5% or 0.05', tolerance, 0.1)
    .option('--widths <grid>', 'width grid: start:stop:step or a list', grid, grid('0.25:2:0.25'))
    .option('--resolutions <grid>', 'resolution grid: start:stop:step or a list', grid, grid('96:256:32'))
    .addOption(new Option('--format <format>', 'output format').choices(TABLE_FORMATS).default('table'));
  addParameterOptions(command, false);
  addFusionOptions(command);
  addConventionOptions(command);
  return command.action((model: string, options: ModelOptionValues & { budget: bigint; tolerance: number; widths: number[]; resolutions: number[]; format: TableFormat }) => {
    if (options.resolutions.some((r) => !Number.isInteger(r))) throw new InvalidArgumentError('resolutions must be integers');
    const request = {
      ...countRequestFrom(model, options), budgetMacs: options.budget, tolerance: options.tolerance, widths: options.widths, resolutions: options.resolutions,
    };
    const matches = matchBudget(request);
    const pairs = equalCostPairs(request, fusionFrom(options, 'bft'));
    if (options.format === 'csv') {
      process.stdout.write(matchCsv(matches, pairs));
      return;
    }
    let out = `${matches.length} configuration(s) of ${model} (${options.fusion ?? 'pointwise'}) within ${(options.tolerance * 100).toFixed(1)} % of ${withSuffix(options.budget)} MACs\n`;
    out += renderTable({ columns: COLUMNS, rows: matches.map(row) }, options.format);
    if (pairs.length > 0) {
      out += `\nbaseline (pointwise) configurations near the budget and the BFT configuration of equal cost per width (resolution solved on the exact symbolic total):\n`;
      const rows = pairs.flatMap((pair) => pair.bft.map((b) => [
        `${pair.baseline.width}@${pair.baseline.resolution}`, withSuffix(pair.baseline.macs), ...row(b),
      ]));
      out += renderTable({ columns: [{ header: 'baseline' }, { header: 'baseline macs', align: 'right' }, ...COLUMNS.map((c) => ({ ...c, header: `bft ${c.header}` }))], rows }, options.format);
    }
    process.stdout.write(out);
  });
}
