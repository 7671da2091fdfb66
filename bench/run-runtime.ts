/**
 * The runtime benchmark alone (`npm run build && node dist/bench/run-runtime.js`): writes
 * bench/runtime-results.json and bench/runtime-results.md. `npm run bench` runs it too.
 */
import { writeFileSync } from 'node:fs';
import '../src/io/node-packages.js';
import { cpus, loadavg } from 'node:os';
import { fftRow, runtimeMarkdown, runtimeTable } from './runtime-pointwise.js';

/** Runs the runtime benchmark with `rounds` rounds, prints progress lines, writes both files. */
export async function runRuntimeBench(rounds: number, out: (line: string) => void): Promise<void> {
  const loadStart = loadavg().map((l) => Number(l.toFixed(2)));
  const machine = `${cpus()[0]?.model.trim() ?? 'unknown'}, ${cpus().length} logical cores, Node ${process.version}`;
  out(`runtime bench: ${machine}, load average ${loadStart.join(' ')}`);
  const tables = [];
  for (const n of [256, 1024, 4096]) {
    const table = await runtimeTable(n, n >= 4096 ? Math.max(3, Math.ceil(rounds / 2)) : rounds);
    for (const row of table.rows)
      out(
        `n=${n} ${row.kernel}: ${row.ms.toFixed(2)} ms, ${row.gmacs.toFixed(1)} GMAC/s, speedup ${row.speedup.toFixed(2)}×${row.ofMacRatio !== undefined ? ` (${(100 * row.ofMacRatio).toFixed(1)} % of ${table.macRatio.toFixed(1)}×)` : ''}`,
      );
    tables.push(table);
  }
  const ffts = [];
  for (const n of [256, 1024, 4096]) {
    const row = await fftRow(n, rounds);
    out(
      `n=${n} fft.js real ${row.fftUsPerVector.toFixed(2)} µs/vector, BFT ${row.bftUsPerVector.toFixed(2)} µs/vector (fft.js / BFT ${row.ratio.toFixed(2)})`,
    );
    ffts.push(row);
  }
  const loadEnd = loadavg().map((l) => Number(l.toFixed(2)));
  const md = [
    '# Runtime benchmark results',
    '',
    `Machine: ${machine}. Shared machine: load average (1, 5, 15 min) ${loadStart.join(', ')} at the start, ${loadEnd.join(', ')} at the end.`,
    '',
    ...runtimeMarkdown(tables, ffts, rounds),
  ];
  writeFileSync(new URL('../../bench/runtime-results.md', import.meta.url), md.join('\n'));
  const round = (_: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(4)) : value;
  writeFileSync(
    new URL('../../bench/runtime-results.json', import.meta.url),
    `${JSON.stringify({ machine, loadAverage: { start: loadStart, end: loadEnd }, rounds, tables, fft: ffts }, round, 2)}\n`,
  );
}

if (process.argv[1]?.endsWith('run-runtime.js')) {
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 7);
  await runRuntimeBench(rounds, (line) => process.stdout.write(`${line}\n`));
}
