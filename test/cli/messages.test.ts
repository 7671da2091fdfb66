import { describe, expect, it } from '@jest/globals';
import { runInProcess as run } from './run-main.js';

/** Asserts exit 2, nothing on stdout and exactly one line on stderr; returns that line. */
async function oneErrorLine(args: readonly string[]): Promise<string> {
  const result = await run(args);
  expect([args.join(' '), result.status, result.stdout]).toEqual([args.join(' '), 2, '']);
  const lines = result.stderr.split('\n');
  expect([args.join(' '), lines.length, lines[1]]).toEqual([args.join(' '), 2, '']);
  return lines[0] ?? '';
}

describe('messages say what happened', () => {
  it('match --widths on a model without a width parameter names --widths, the option the user passed', async () => {
    const line = await oneErrorLine(['match', 'resnet-18', '--budget', '1G', '--widths', '1,2']);
    expect(line).toBe(
      'butterflops: --widths: model resnet-18 has no width parameter: the match sweeps its resolution alone; expected no --widths for this model',
    );
  });

  it('compare --bft-width on a model without width names --bft-width, the option the user passed', async () => {
    expect(await oneErrorLine(['compare', 'resnet-18', '--bft-width', '2'])).toBe(
      'butterflops: --bft-width: model resnet-18 has no parameter "width"; expected one of resolution, classes',
    );
    // A's own --width is still named as --width.
    expect(await oneErrorLine(['compare', 'resnet-18', '--width', '2'])).toMatch(
      /^butterflops: --width: model resnet-18 has no parameter "width"/,
    );
  });

  it.each([
    [2, 48],
    [4, 48],
    [3, 10],
  ])(
    'criteria bft, base %i, n = %i: every remedy the message names works (no "padding", which criteria lacks)',
    async (base, n) => {
      const line = await oneErrorLine(['criteria', '--structure', 'bft', '--n', `${n}`, '--base', `${base}`]);
      expect(line).not.toMatch(/padding/);
      const suggested = /such as (\d+) or (\d+)/.exec(line)?.slice(1).map(Number) ?? [];
      // The powers of the base on either side of n, found here by repeated multiplication.
      let below = 1;
      while (below * base <= n) below *= base;
      expect(suggested).toEqual([below, below * base]);
      for (const power of suggested) {
        expect(
          (await run(['criteria', '--structure', 'bft', '--n', `${power}`, '--base', `${base}`, '--format', 'json']))
            .status,
        ).toBe(0);
      }
      expect(line).toContain('bft-mixed');
      expect(
        (await run(['criteria', '--structure', 'bft-mixed', '--n', `${n}`, '--base', `${base}`, '--format', 'json']))
          .status,
      ).toBe(0);
    },
  );
});

describe('one prefix for every error', () => {
  it.each([
    [['cout']], // unknown command (commander)
    [['count']], // missing argument (commander)
    [['count', 'mobilenet-v1', '--bogus']], // unknown option (commander)
    [['count', 'a', 'b']], // too many arguments (commander)
    [['match', 'mobilenet-v1']], // missing required option (commander)
    [['count', 'mobilenet-v1', '--width', 'abc']], // an option parser
    [['formula', 'mobilenet-v1', '--symbolic', 'base']], // an action's InvalidArgumentError
    [['count', 'no-such-model']], // a UserError
    [['bound', '--pad', '--mixed']],
  ])('%j: one line starting "butterflops: "', async (args) => {
    expect(await oneErrorLine(args)).toMatch(/^butterflops: \S/);
  });
});

describe('an invalid choice reads the same in every command', () => {
  const CHOICE =
    /^butterflops: (--[\w-]+): invalid ([\w-]+); received "([^"]*)"; expected one of ([\w.-]+(?:, [\w.-]+)*)$/;

  it.each([
    [['count', 'mobilenet-v1']],
    [['compare', 'mobilenet-v1']],
    [['formula', 'mobilenet-v1', '--symbolic', 'width']],
    [['models']],
    [['match', 'mobilenet-v1', '--budget', '1M']],
    [['reproduce']],
    [['pareto', 'x.csv']],
    [['criteria', '--structure', 'bft', '--n', '4']],
    [['bound']],
    [['explain', 'mobilenet-v1']],
  ])('%j --format xml', async (args) => {
    const match = CHOICE.exec(await oneErrorLine([...args, '--format', 'xml']));
    expect(match?.slice(1, 4)).toEqual(['--format', 'format', 'xml']);
    // The choices named are the ones the command's --help lists for --format.
    const help = (await run([args[0] ?? '', '--help'])).stdout.replace(/\s+/g, ' ');
    const listed = /--format <format> (.*?)(?= -[-h])/.exec(help)?.[1] ?? '';
    const choices = match?.[4]?.split(', ') ?? [];
    expect(choices.length).toBeGreaterThanOrEqual(2);
    for (const choice of choices) expect(listed).toMatch(new RegExp(`\\b${choice}\\b`));
  });

  it.each([
    [['criteria', '--n', '4', '--structure', 'nope'], '--structure'], // a word list of ours
    [['count', 'mobilenet-v1', '--fusion', 'nope'], '--fusion'], // commander's choices
    [['chart', 'x.csv', '--out', 'x.svg', '--x', 'nope'], '--x'],
    [['count', 'shufflenet-v2', '--variant', 'nope'], '--variant'], // a model parameter's values
  ])('%j', async (args, flag) => {
    const match = CHOICE.exec(await oneErrorLine(args));
    expect(match?.slice(1, 4)).toEqual([flag, flag.slice(2), 'nope']);
  });
});
