/**
 * Child process of the `pareto` benchmark: runs `butterflops <args>` through the `main` of the
 * package at `<root>` (a build of this checkout, or of an older commit for a before/after
 * comparison), then prints on stderr, as the last line, one JSON object: wall and CPU time of
 * the whole process (start-up included) and its peak RSS. The command's own output goes to
 * stdout, which the benchmark sends to /dev/null.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, ...args] = process.argv.slice(2);
if (root === undefined) throw new Error('usage: pareto-child <package root> <butterflops arguments…>');
const { main } = (await import(pathToFileURL(join(root, 'dist/src/cli/main.js')).href)) as {
  main: (argv: readonly string[]) => Promise<number>;
};
const status = await main(args);
const cpu = process.cpuUsage();
const peak = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
process.stderr.write(
  `${JSON.stringify({
    status,
    // performance.now() counts from the process start.
    wallMs: performance.now(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMB: peak === null ? null : Number(peak[1]) / 1024,
  })}\n`,
);
process.exitCode = status;
