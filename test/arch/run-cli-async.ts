import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliRun } from '../cli/run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/butterflops.js', import.meta.url));

/**
 * Like `runCli` in test/cli/run-cli.ts, but asynchronous, so that a test file can start many CLI
 * runs at once (each run spends ~1–2 s loading modules).
 */
export function runCliAsync(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs every argument list, at most `parallel` at a time; results in input order. */
export async function runAllCli(argLists: readonly (readonly string[])[], parallel = 4): Promise<CliRun[]> {
  const results: CliRun[] = new Array<CliRun>(argLists.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < argLists.length) {
      const index = next++;
      results[index] = await runCliAsync(argLists[index] ?? []);
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, argLists.length) }, () => worker()));
  return results;
}
