import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/butterflops.js', import.meta.url));

/** Result of running the built CLI (`npm test` builds dist/ first). */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/butterflops.js ...args` in `cwd` (default: the current folder) and waits for it. */
export function runCli(args: readonly string[], cwd?: string): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like `runCli`, but asynchronous, so that a test file can start several CLI runs at once
 * (each run spends one to two seconds loading modules on a busy machine).
 */
export function runCliAsync(args: readonly string[], cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
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
