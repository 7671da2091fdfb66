/**
 * The test runtime (`test/shared-runtime.cjs`) and environment (`test/node-environment.cjs`)
 * share one context and Jest's own libraries between the test files of a worker: a second file
 * must see expect as a first one does. Oracle: a child Jest, one worker, two fixture files
 * (`test/fixtures/jest-worker/`) that each check jest-snapshot's matchers are there and that the
 * other file's `expect.extend` did not leak; whichever runs second would fail otherwise.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('test files of one worker', () => {
  it('the second has expect as the first had it: snapshot matchers kept, added matchers dropped', () => {
    const run = spawnSync(
      process.execPath,
      [
        join('node_modules', 'jest', 'bin', 'jest.js'),
        '--runInBand',
        '--ci',
        '--roots',
        '<rootDir>/test/fixtures/jest-worker',
        '--testMatch',
        '**/*.check.ts',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning' },
      },
    );
    expect([run.status, run.stderr]).toEqual([0, expect.stringContaining('Tests:       2 passed, 2 total')]);
  }, 30_000);
});
