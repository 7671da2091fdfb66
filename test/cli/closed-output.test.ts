import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/butterflops.js', import.meta.url));
const SMALL = 'test/cli/fixtures/small-results.csv';

/**
 * Runs the built CLI with its stdout connected to a pipe whose reading end is closed at once,
 * before the program (which takes a second to load) writes anything: every write then fails
 * with EPIPE, as when `| head -c 300` has read enough and quit.
 */
function runWithClosedStdout(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** One invocation of every command that prints to stdout. */
const COMMANDS: readonly (readonly string[])[] = [
  ['count', 'mobilenet-v1', '--format', 'json'],
  ['models'],
  ['schema'],
  ['compare', 'mobilenet-v1'],
  ['formula', 'mobilenet-v1', '--symbolic', 'width'],
  ['match', 'mobilenet-v1', '--budget', '300M', '--widths', '1', '--resolutions', '160'],
  ['reproduce'],
  ['pareto', SMALL],
  ['criteria', '--structure', 'bft', '--n', '16'],
  ['bound', '--samples', '3', '--max-n', '64'],
  ['explain', 'mobilenet-v1'],
  ['--help'],
];

describe('a closed stdout (`butterflops … | head`)', () => {
  it('ends every command quietly: exit 0, nothing on stderr', async () => {
    const runs: { status: number | null; stderr: string }[] = [];
    for (let i = 0; i < COMMANDS.length; i += 3) {
      runs.push(...(await Promise.all(COMMANDS.slice(i, i + 3).map(runWithClosedStdout))));
    }
    expect(runs.map((run, i) => [COMMANDS[i]?.[0], run.status, run.stderr])).toEqual(
      COMMANDS.map((args) => [args[0], 0, '']),
    );
  }, 180_000);
});
