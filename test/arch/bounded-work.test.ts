import { describe, expect, it } from '@jest/globals';
import { buildNetwork, MAX_LAYERS } from '../../src/arch/build.js';
import { parseStructuredText } from '../../src/arch/structured-text.js';
import { validateArchitecture } from '../../src/arch/validate.js';
import { UserError } from '../../src/errors.js';
import { MAX_RATIONAL_BITS, power, rational } from '../../src/expr/rational.js';

/*
 * Issue 23, item 4: the work an architecture file can ask for is bounded — no expression, no
 * definition, no nesting of repeats or blocks runs the machine out of stack, memory or time.
 * Each case ends in one located UserError within the test's default time.
 */

type Json = Record<string, unknown>;

function arch(change: (file: Json) => void): string {
  const file: Json = {
    name: 't',
    parameters: { r: { description: 'r', default: 8, integer: true } },
    input: { channels: 3, height: 'r', width: 'r' },
    layers: [{ kind: 'conv2d', out: 8, kernel: 1 }],
  };
  change(file);
  return JSON.stringify(file);
}

function refusal(text: string, free: string[] = []): string {
  try {
    const source = parseStructuredText(text, 'net.json');
    buildNetwork(validateArchitecture(source), { free, locate: (pointer) => source.locate(pointer) });
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('accepted');
}

/** 40 definitions, each `op` of the one before: a value or formula that doubles 40 times. */
function doubling(op: (previous: string) => string): string {
  return arch((file) => {
    const definitions: Record<string, string> = { a0: 'r + 1' };
    for (let i = 1; i <= 40; i++) definitions[`a${i}`] = op(`a${i - 1}`);
    file['definitions'] = definitions;
  });
}

describe('expressions are bounded', () => {
  it('a rational over the bit limit is refused before it is computed', () => {
    expect(() => power(rational(3n), 10_000n)).toThrow(`more than ${MAX_RATIONAL_BITS} bits`);
    expect(power(rational(2n), 4000n).numerator).toBe(2n ** 4000n);
  });

  it('40 squaring definitions, never used, are refused at the first too large (9^(2^11) has 6,492 bits)', () => {
    expect(refusal(doubling((a) => `${a} * ${a}`))).toMatch(
      /^net\.json:1:\d+ at \/definitions\/a11: the value of "a10 \* a10" is too large; expected numbers of at most 4096 bits$/,
    );
    expect(refusal(doubling((a) => `(${a}) ^ 2`))).toMatch(
      /at \/definitions\/a11: the value of "\(a10\) \^ 2" is too large/,
    );
  });

  it('40 doubling formulas (r kept symbolic) are refused when the formula outgrows its limit', () => {
    expect(
      refusal(
        doubling((a) => `max(${a}, 1) + max(${a}, 2)`),
        ['r'],
      ),
    ).toMatch(/at \/definitions\/a\d+: the formula of this value grows to \d+ characters; expected at most 20000/);
  });

  it.each([
    ['10,000 nested parentheses', `${'('.repeat(10_000)}8${')'.repeat(10_000)}`, /is 20001 characters long/],
    ['1,000 nested parentheses', `${'('.repeat(1000)}8${')'.repeat(1000)}`, /nests more than 100 deep/],
    ['a chain of 1,000 exponents', Array(1000).fill('1').join('^'), /nests more than 100 deep/],
    ['3,000 minus signs', `${'-'.repeat(3000)}8`, /nests more than 100 deep/],
  ])('%s', (_, out, message) => {
    expect(refusal(arch((file) => void (file['layers'] = [{ kind: 'conv2d', out, kernel: 1 }])))).toMatch(message);
  });
});

describe('the mathjs path is bounded too', () => {
  /** A file whose definition x is `expression` and is used by the layer. */
  const defining = (expression: string) =>
    arch((file) => {
      file['definitions'] = { x: expression };
      file['layers'] = [{ kind: 'conv2d', out: 'min(x, 8)', kernel: 1 }];
    });

  it.each([
    // Each took seconds to minutes, or ran out of BigInt, before the power was checked first.
    ['lcm(pow(3, 2^22), pow(5, 2^22))'],
    ['pow(2, 2^30)'],
    ['gcd(6, 4) ^ (2^40)'],
    ['lcm(3, 4) ^ 5000'],
  ])('%s is refused before the power is built, naming the definition', (expression) => {
    expect(refusal(defining(expression))).toMatch(
      /^net\.json:1:\d+ at \/definitions\/x: the value of ".*" is too large; expected numbers of at most 4096 bits$/,
    );
  });

  it('powers within the limit still evaluate exactly, also symbolically', () => {
    // lcm(4, 6)^2 = 144 and gcd(2^4000, 2^4095) = 2^4000 take the mathjs path (lcm, gcd are not in the fast subset).
    const source = parseStructuredText(defining('lcm(4, 6) ^ 2 / 18 + gcd(2^4000, 2^4095) / 2^4000'), 'net.json');
    const network = buildNetwork(validateArchitecture(source), { locate: (pointer) => source.locate(pointer) });
    expect(network.layers[0]?.layer).toMatchObject({ outChannels: 8 }); // min(144 / 18 + 1, 8) = 8
    const symbolic = parseStructuredText(defining('lcm(r, 6) ^ 2'), 'net.json');
    expect(() =>
      buildNetwork(validateArchitecture(symbolic), { free: ['r'], locate: (p) => symbolic.locate(p) }),
    ).not.toThrow();
  });

  it.each([
    ['sum(range(1, 100000000))', 'range'],
    ['size(zeros(20000, 20000))[1]', 'size'],
    ['max(ones(30000000))', 'ones'],
    ['random(1, 8)', 'random'],
  ])('%s: arrays, matrices and random numbers are refused by name', (expression, name) => {
    expect(refusal(defining(expression))).toMatch(
      new RegExp(
        `^net\\.json:1:\\d+ at /definitions/x: function "${name}" is not available in an architecture file; expected scalar functions: abs, add, `,
      ),
    );
  });
});

describe('structure is bounded', () => {
  it('1,000-deep repeats are refused by the nesting limit, naming the place', () => {
    let node: unknown = { kind: 'conv2d', out: 8, kernel: 1 };
    for (let i = 0; i < 1000; i++) node = { repeat: 1, body: [node] };
    expect(refusal(arch((file) => void (file['layers'] = [node])))).toMatch(
      /^net\.json at \/layers\/0\/body\/0\/.*\.\.\.: nested more than 200 deep/,
    );
  });

  it.each([
    ['flow collections 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 1, 201],
    ['flow maps 50,000 deep', `${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}`, 1, 801],
    ['block sequences 50,000 deep on one line', `${'- '.repeat(50_000)}x`, 1, 401],
    [
      'block maps 20,000 deep by indentation',
      `${Array.from({ length: 20_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1`,
      201,
      201,
    ],
  ])('YAML %s is refused like JSON, at the first collection too deep', (_, text, line, column) => {
    let yamlMessage = '';
    try {
      parseStructuredText(text, 'net.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      yamlMessage = (error as Error).message;
    }
    expect(yamlMessage).toBe(
      `net.yaml:${line}:${column}: nested more than 200 deep; expected a flatter file (use blocks and repeat counts)`,
    );
  });

  it('30-deep repeats (within the file limit) are refused by the walk limit', () => {
    let node: unknown = { kind: 'conv2d', out: 8, kernel: 1 };
    for (let i = 0; i < 70; i++) node = { repeat: 1, body: [node] };
    expect(refusal(arch((file) => void (file['layers'] = [node])))).toMatch(/nest more than 64 deep/);
  });

  it('a block that uses itself through another is refused, with the cycle', () => {
    const text = arch((file) => {
      file['blocks'] = { a: { args: [], body: [{ block: 'b' }] }, b: { args: [], body: [{ block: 'a' }] } };
      file['layers'] = [{ block: 'a' }];
    });
    expect(refusal(text)).toMatch(/at \/blocks\/b\/body\/0: block "a" uses itself \(a → b → a\)/);
  });

  it('nested repeats that multiply past the layer limit are refused', () => {
    const text = arch((file) => {
      file['layers'] = [{ repeat: 1000, body: [{ repeat: 1000, body: [{ kind: 'relu' }] }] }];
    });
    expect(refusal(text)).toMatch(`the network has more than ${MAX_LAYERS} layers`);
  });
});
