/**
 * `butterflops pareto` on a million result rows (issue 23, item 4: "10⁶ rows in seconds"). A
 * seeded CSV of 10⁶ rows (10 families × pointwise/bft, costs log-uniform over 10 M–1 G MACs,
 * accuracy rising with log cost plus noise, so the frontiers are realistic: small beside the
 * rows) is written to a temporary file and `pareto` runs on it in a fresh process per round
 * (`pareto-child.ts`) in each output format, stdout to /dev/null: wall and CPU time of the whole
 * process and its peak RSS. With `PARETO_BENCH_BEFORE=<root of another build>` (e.g. a `git
 * archive` of an older commit, built) both run interleaved, round by round, and the ratios
 * before / after are taken per round (`PARETO_BENCH_BEFORE_LABEL` says in the results what the
 * other build is). Writes bench/pareto-results.md and .json.
 * Run alone: `npm run build && node dist/bench/pareto-bench.js`; `run.ts` includes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/random/seeded-random.js';
import { loadAverage, machineDescription } from '../src/runtime/machine.js';
import { median } from './timing.js';

/** The benchmark's result CSV: `rows` rows from `seed`. O(rows). */
export function paretoBenchCsv(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const lines = ['model,family,fusion,width,resolution,mmacs,top1,source'];
  for (let i = 0; i < rows; i++) {
    const family = `Net${i % 10}`;
    const fusion = i % 3 === 0 ? 'bft' : 'pointwise';
    const logMmacs = Math.log(10) + random.next() * Math.log(100);
    const top1 = Math.min(99.99, 20 + 8 * logMmacs + (fusion === 'bft' ? 1 : 0) + 6 * (random.next() - 0.5));
    lines.push(`${family}-${i},${family},${fusion},1.0,224,${Math.exp(logMmacs).toFixed(3)},${top1.toFixed(2)},bench`);
  }
  return `${lines.join('\n')}\n`;
}

interface ChildRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMB: number;
}

const CHILD = fileURLToPath(new URL('./pareto-child.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runChild(root: string, args: readonly string[]): ChildRun {
  const result = spawnSync(process.execPath, [CHILD, root, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 20,
  });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const run = JSON.parse(last) as ChildRun & { status: number };
  if (result.status !== 0 || run.status !== 0) throw new Error(`pareto failed in ${root}: ${result.stderr}`);
  return run;
}

const FORMATS = ['table', 'csv', 'json'] as const;

interface FormatResult {
  readonly format: string;
  readonly after: { wallMs: number; cpuMs: number; peakRssMB: number };
  readonly before?: { wallMs: number; cpuMs: number; peakRssMB: number };
  /** Median over rounds of before CPU / after CPU. */
  readonly cpuRatio?: number;
  readonly cpuRatioRange?: [number, number];
}

const summary = (runs: readonly ChildRun[]) => ({
  wallMs: median(runs.map((run) => run.wallMs)),
  cpuMs: median(runs.map((run) => run.cpuMs)),
  peakRssMB: Math.max(...runs.map((run) => run.peakRssMB)),
});

/** Runs the benchmark (`rounds` per format) and writes its results; `out` prints progress. */
export function runParetoBench(rounds: number, out: (line: string) => void, rows = 1_000_000): FormatResult[] {
  const before = process.env.PARETO_BENCH_BEFORE;
  const dir = mkdtempSync(join(tmpdir(), 'butterflops-pareto-bench-'));
  const loadStart = loadAverage();
  const results: FormatResult[] = [];
  try {
    const csv = join(dir, 'results.csv');
    writeFileSync(csv, paretoBenchCsv(rows, 2026));
    for (const format of FORMATS) {
      const args = ['pareto', csv, '--format', format];
      const afterRuns: ChildRun[] = [];
      const beforeRuns: ChildRun[] = [];
      for (let round = 0; round < rounds; round++) {
        if (before !== undefined) beforeRuns.push(runChild(before, args));
        afterRuns.push(runChild(ROOT, args));
        out(`pareto --format ${format}, round ${round + 1}: ${(afterRuns.at(-1)?.cpuMs ?? 0).toFixed(0)} ms CPU`);
      }
      const ratios = beforeRuns.map((run, i) => run.cpuMs / (afterRuns[i]?.cpuMs ?? 1));
      results.push({
        format,
        after: summary(afterRuns),
        ...(before === undefined
          ? {}
          : {
              before: summary(beforeRuns),
              cpuRatio: median(ratios),
              cpuRatioRange: [Math.min(...ratios), Math.max(...ratios)],
            }),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = machineDescription();
  const loadEnd = loadAverage();
  writeFileSync(
    new URL('../../bench/pareto-results.json', import.meta.url),
    `${JSON.stringify({ machine, loadAverage: { start: loadStart, end: loadEnd }, rows, rounds, before: before ?? null, results }, null, 2)}\n`,
  );
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const md = [
    '# `butterflops pareto` on 10⁶ rows',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}. Shared machine: load average (1, 5, 15 min) ${loadStart.join(', ')} at the start, ${loadEnd.join(', ')} at the end.`,
    `Input: ${rows.toLocaleString('en-US')} seeded rows (\`paretoBenchCsv\`, 10 families × pointwise/bft). One fresh process per run (start-up included), stdout to /dev/null;`,
    `medians of ${rounds} rounds${before === undefined ? '' : ', before and after interleaved round by round; the ratio is before CPU / after CPU per round, median [min–max]'}.`,
    ...(before === undefined ? [] : [`Before: ${process.env.PARETO_BENCH_BEFORE_LABEL ?? before}.`]),
    '',
    before === undefined
      ? '| format | wall s | CPU s | peak RSS MB |'
      : '| format | before wall s | before CPU s | before peak RSS MB | after wall s | after CPU s | after peak RSS MB | CPU before / after |',
    before === undefined ? '|:---|---:|---:|---:|' : '|:---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) =>
      r.before === undefined
        ? `| ${r.format} | ${seconds(r.after.wallMs)} | ${seconds(r.after.cpuMs)} | ${r.after.peakRssMB.toFixed(0)} |`
        : `| ${r.format} | ${seconds(r.before.wallMs)} | ${seconds(r.before.cpuMs)} | ${r.before.peakRssMB.toFixed(0)} | ${seconds(r.after.wallMs)} | ${seconds(r.after.cpuMs)} | ${r.after.peakRssMB.toFixed(0)} | ${(r.cpuRatio ?? 0).toFixed(1)} [${(r.cpuRatioRange ?? [0, 0]).map((x) => x.toFixed(1)).join('–')}] |`,
    ),
    '',
  ];
  writeFileSync(new URL('../../bench/pareto-results.md', import.meta.url), md.join('\n'));
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runParetoBench(Number(process.env.PARETO_BENCH_ROUNDS ?? 3), (line) => process.stdout.write(`${line}\n`));
}
