import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildProgram } from '../../src/cli/main.js';
import { runInProcess as run } from './run-main.js';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

describe('butterflops --version', () => {
  it.each([['--version'], ['-V']])('%s prints the version of package.json and exits 0', async (flag) => {
    expect(await run([flag])).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });
});

const names = (await buildProgram()).commands.map((command) => command.name());

describe('--help of every command', () => {
  it('covers every command', () => {
    expect(names).toEqual(expect.arrayContaining(['count', 'report', 'chart', 'bound', 'criteria']));
  });

  it.each(names.map((name) => [name]))(
    '%s: no absolute path of this machine, and no option says "default" twice',
    async (name) => {
      const help = await run([name, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).not.toContain(root);
      expect(help.stdout).not.toContain(process.cwd());
      // One entry per option: its first line starts with "  -", continuation lines are indented further.
      const entries = help.stdout
        .replace(/\n {4,}/g, ' ')
        .split('\n')
        .filter((line) => /^ {2}-/.test(line));
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect([entry, entry.split('default').length - 1 <= 1]).toEqual([entry, true]);
    },
  );
});

describe('--help says where an ONNX file is accepted (issue 22)', () => {
  // Each of these resolves its model through the file model source, which reads .onnx files.
  it.each([['count'], ['compare'], ['explain'], ['match'], ['plan'], ['export'], ['latency'], ['formula']])(
    '%s mentions ONNX',
    async (name) => {
      const help = await run([name, '--help']);
      expect(help.stdout).toMatch(/\.onnx|ONNX/);
    },
  );

  it('the program description names the kinds of model it reads', async () => {
    expect((await run(['--help'])).stdout).toMatch(/ONNX files/);
  });
});
