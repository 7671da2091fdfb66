import { Option, type Command } from 'commander';
import { chartFileFormat } from '../charts/chart-file-format.js';
import { accuracyTitle, COST_AXIS_UNITS, paretoChartSpec, type CostAxisUnit } from '../charts/pareto-chart-spec.js';
import { resultChartPoints, resultCostUnit } from '../charts/result-chart-points.js';
import { resultsDataset } from '../results/results-dataset.js';
import { chartFontFiles } from '../io/chart-fonts.js';
import { loadResultsCounting } from '../io/load-results.js';
import { checkFileDestination, writeFileAtomic } from '../io/output.js';
import { readVegaRuntime } from '../io/vega-runtime.js';
import { commaList } from './options.js';
import { announceWritten, writtenJson } from './written.js';

interface ChartOptions {
  readonly out: string;
  readonly x?: CostAxisUnit;
  readonly y: 'top1';
  readonly color: string;
  readonly shape: string;
  readonly by: string[];
  readonly facet?: string;
  readonly dataset?: string;
  readonly logX?: boolean;
  readonly labels?: boolean;
  readonly title?: string;
  readonly cost: 'published' | 'counted';
  readonly format: 'text' | 'json';
}

/**
 * `butterflops chart <results.csv…> --out chart.svg|png|html|vl.json`: accuracy vs cost with a
 * frontier line per series — the series and frontiers of `butterflops pareto` (same `--by`, same
 * function), dominated points hollow. The file is produced in memory first; bad input writes nothing. The
 * folder of `--out` must exist (it is not created); the path written is printed on stderr.
 */
export function register(program: Command): Command {
  return program
    .command('chart')
    .description('accuracy-vs-cost chart with Pareto frontiers: SVG, PNG, self-contained HTML, or the Vega-Lite spec')
    .argument('<results...>', 'result CSV files (format: data/README.md)')
    .requiredOption(
      '--out <file>',
      'output file in an existing folder (not created); the type follows the extension: .svg, .png, .html, .vl.json',
    )
    .addOption(
      new Option('--x <unit>', "cost axis unit (default: the CSV's cost column, e.g. mmacs)").choices(COST_AXIS_UNITS),
    )
    .addOption(new Option('--y <field>', 'accuracy axis').choices(['top1']).default('top1'))
    .option('--by <fields>', 'fields that define a series, comma-separated (as in pareto)', commaList, [
      'family',
      'fusion',
    ])
    .option('--color <field>', 'field that colours points', 'fusion')
    .option('--shape <field>', 'field told apart by marker shape', 'family')
    .option('--facet <field>', 'one panel per value of this field, side by side (e.g. family)')
    .option('--dataset <name>', "dataset named in the accuracy title (default: the CSV's dataset column, if any)")
    .option('--log-x', 'logarithmic cost axis')
    .option('--labels', 'label every point with its model (family prefix dropped) and resolution')
    .option('--title <text>', 'chart title')
    .addOption(
      new Option('--cost <which>', 'cost used when a row has a published and a counted one')
        .choices(['published', 'counted'])
        .default('published'),
    )
    .addOption(
      new Option('--format <format>', 'stdout: nothing (text) or the file written as JSON')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (files: string[], options: ChartOptions) => {
      const format = chartFileFormat(options.out);
      checkFileDestination(options.out);
      const records = await loadResultsCounting(files, options.cost);
      const points = resultChartPoints(records, {
        colour: options.color,
        shape: options.shape,
        by: options.by,
        preference: options.cost,
        ...(options.facet !== undefined ? { facet: options.facet } : {}),
      });
      const spec = paretoChartSpec(points, {
        ...(options.title !== undefined ? { title: options.title } : {}),
        xUnit: options.x ?? resultCostUnit(records),
        yTitle: accuracyTitle(options.dataset ?? resultsDataset(records)),
        logX: options.logX === true,
        labels: options.labels === true,
        colourField: options.color,
        shapeField: options.shape,
        ...(options.facet !== undefined ? { facetField: options.facet } : {}),
        width: 380,
        height: 300,
      });
      // Vega is loaded only when a chart is drawn, so other commands start fast.
      const { chartFile } = await import('../charts/chart-files.js');
      const contents = await chartFile(spec, format, options.title ?? 'Accuracy vs cost', {
        fontFiles: chartFontFiles,
        vegaRuntime: readVegaRuntime,
      });
      const written = writeFileAtomic(options.out, contents);
      announceWritten(written);
      if (options.format === 'json') process.stdout.write(writtenJson(written));
    });
}
