import { main } from '../../src/cli/main.js';
import type { CliRun } from './run-cli.js';

/** The run in progress: runs are queued, because a capture replaces process.stdout/stderr.write. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process (`main()` from src/cli/main.ts), capturing what it writes: the
 * same result as spawning `bin/butterflops.js` but without loading every module again. Calls
 * made together (e.g. under Promise.all) run one after another, so captures never interleave.
 */
export function runInProcess(args: readonly string[]): Promise<CliRun> {
  const run = queue.then(() => runNow(args));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  };
  process.stderr.write = (chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  };
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
  }
}

/** `runInProcess` for each argument list in turn; results in input order. */
export async function runAllInProcess(argLists: readonly (readonly string[])[]): Promise<CliRun[]> {
  const results: CliRun[] = [];
  for (const args of argLists) results.push(await runInProcess(args));
  return results;
}
