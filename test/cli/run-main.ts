import { main } from '../../src/cli/main.js';
import type { CliRun } from './run-cli.js';

/**
 * Runs the CLI in this process (`main()` from src/cli/main.ts), capturing what it writes: the
 * same result as spawning `bin/butterflops.js` but without loading every module again. Runs
 * one at a time (the capture replaces process.stdout/stderr.write for the duration).
 */
export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
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
