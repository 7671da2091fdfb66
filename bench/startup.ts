/**
 * Cold-start timings of the CLI (issue 8, item 6): wall time of fresh `node bin/butterflops.js …`
 * processes next to `node -e ''` in the same run, interleaved round by round (every command once
 * per round) so that load changes on the shared machine affect all alike; medians over rounds.
 * Part of `npm run bench`; alone: `npm run build && node dist/bench/startup.js`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './timing.js';

const BIN = fileURLToPath(new URL('../../bin/butterflops.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One timed command: its label, its node arguments and its target (seconds, median), if any. */
interface StartupCase {
  readonly label: string;
  readonly args: readonly string[];
  readonly targetSeconds?: number;
}

/** The commands timed: the baseline, the three with targets, and one that needs mathjs. */
export const STARTUP_CASES: readonly StartupCase[] = [
  { label: "node -e ''", args: ['-e', ''] },
  { label: 'models', args: [BIN, 'models'], targetSeconds: 0.25 },
  { label: 'count mobilenet-v1', args: [BIN, 'count', 'mobilenet-v1'], targetSeconds: 0.6 },
  { label: 'compare mobilenet-v1', args: [BIN, 'compare', 'mobilenet-v1'], targetSeconds: 0.7 },
  {
    label: 'formula mobilenet-v1 --symbolic width (loads mathjs)',
    args: [BIN, 'formula', 'mobilenet-v1', '--symbolic', 'width'],
  },
];

/** Median and minimum wall time of one case, in seconds, and whether the median meets the target. */
export interface StartupRow {
  readonly label: string;
  readonly medianSeconds: number;
  readonly minSeconds: number;
  readonly overNodeSeconds: number;
  readonly targetSeconds?: number;
  readonly met?: boolean;
}

/** Times every case `rounds` times (after one untimed warm-up round that fills the file cache). */
export function startupTimings(rounds = 11): { rows: StartupRow[]; loadAverage: { start: number[]; end: number[] } } {
  const start = loadavg().slice(0, 3);
  const run = (c: StartupCase): number => {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, [...c.args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const seconds = (performance.now() - t0) / 1000;
    if (result.status !== 0) throw new Error(`${c.label} failed: ${String(result.stderr)}`);
    return seconds;
  };
  STARTUP_CASES.forEach(run);
  const times = STARTUP_CASES.map((): number[] => []);
  for (let round = 0; round < rounds; round++) STARTUP_CASES.forEach((c, i) => times[i]?.push(run(c)));
  const baseline = median(times[0] ?? [0]);
  const rows = STARTUP_CASES.map((c, i): StartupRow => {
    const medianSeconds = median(times[i] ?? [0]);
    return {
      label: c.label,
      medianSeconds,
      minSeconds: Math.min(...(times[i] ?? [0])),
      overNodeSeconds: medianSeconds - baseline,
      ...(c.targetSeconds === undefined
        ? {}
        : { targetSeconds: c.targetSeconds, met: medianSeconds <= c.targetSeconds }),
    };
  });
  return { rows, loadAverage: { start, end: loadavg().slice(0, 3) } };
}

/** One printed line per case. */
export function startupLines(rows: readonly StartupRow[]): string[] {
  return rows.map(
    (row) =>
      `cold start ${row.label}: median ${row.medianSeconds.toFixed(3)} s (min ${row.minSeconds.toFixed(3)} s, ` +
      `+${row.overNodeSeconds.toFixed(3)} s over node -e '')${row.targetSeconds === undefined ? '' : `, target ≤ ${row.targetSeconds} s: ${row.met ? 'met' : 'NOT met'}`}`,
  );
}

/** Markdown table of the rows. */
export function startupMarkdown(rows: readonly StartupRow[], rounds: number): string[] {
  return [
    `Cold start (fresh \`node bin/butterflops.js …\` processes, ${rounds} interleaved rounds, median; \`npx butterflops\` adds its own ~0.3 s):`,
    '',
    "| command | median s | min s | over `node -e ''` s | target s |",
    '|:---|---:|---:|---:|:---|',
    ...rows.map(
      (row) =>
        `| ${row.label} | ${row.medianSeconds.toFixed(3)} | ${row.minSeconds.toFixed(3)} | ${row.overNodeSeconds.toFixed(3)} | ` +
        `${row.targetSeconds === undefined ? '' : `≤ ${row.targetSeconds} ${row.met ? '(met)' : '(not met)'}`} |`,
    ),
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rounds = Number(process.env['STARTUP_ROUNDS'] ?? 11);
  const { rows, loadAverage } = startupTimings(rounds);
  process.stdout.write(
    `load average ${loadAverage.start.map((l) => l.toFixed(2)).join(' ')} → ${loadAverage.end.map((l) => l.toFixed(2)).join(' ')}\n`,
  );
  process.stdout.write(`${startupLines(rows).join('\n')}\n`);
}
