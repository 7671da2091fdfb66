import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/butterflops.js', import.meta.url));

/** Result of running the built CLI (`npm test` builds dist/ first). */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/butterflops.js ...args` in `cwd` (default: the project) and captures everything. */
export function runCli(args: readonly string[], cwd?: string): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
