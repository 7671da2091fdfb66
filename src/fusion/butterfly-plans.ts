/**
 * Butterfly plans (issue 18): which radices each replaced layer's square butterflies get, from a
 * plan file's layers or one factorisation rule (`PlanSource` in `strategy.ts`). A plan's radices
 * multiply to the layer's square size m — the size of each of its square butterflies under the
 * shape policy (bft-paper.md §2) — and each is an integer ≥ 2; anything else is a `UserError`
 * naming the layer. A plan file may instead keep a layer dense (issue 22). Pure.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import type { ButterflyLayer } from '../model/layer.js';
import type { LayerChoice, PlanSource, RadixRule } from './strategy.js';

/**
 * Square size m and number of squares of a butterfly n_in → n_out (`SQUARE_PLAN` in
 * `cost/butterfly.ts`): official, ⌈max/min⌉ squares of min(n_in, n_out); square-max, one of
 * max(n_in, n_out).
 */
export function butterflySquares(layer: Pick<ButterflyLayer, 'inChannels' | 'outChannels' | 'shapePolicy'>): {
  readonly m: number;
  readonly squares: number;
} {
  const small = Math.min(layer.inChannels, layer.outChannels);
  const large = Math.max(layer.inChannels, layer.outChannels);
  return layer.shapePolicy === 'square-max'
    ? { m: large, squares: 1 }
    : { m: small, squares: Math.ceil(large / small) };
}

/**
 * The two factors a · b = m with a ≤ b closest to √m (one factor, m itself, when m is prime).
 * Example: 2048 → [32, 64]; 256 → [16, 16]; 13 → [13]. O(√m).
 */
export function sqrtRadices(m: number): number[] {
  for (let a = Math.floor(Math.sqrt(m)); a >= 2; a--) if (m % a === 0) return [a, m / a];
  return [m];
}

/** As many factors `base` as divide m, then the prime factors of the rest, ascending. O(√m). */
export function baseRadices(m: number, base: number): number[] {
  const radices: number[] = [];
  let rest = m;
  while (rest % base === 0 && rest > 1) {
    radices.push(base);
    rest /= base;
  }
  for (let p = 2; p * p <= rest; p += p === 2 ? 1 : 2) {
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  if (rest > 1) radices.push(rest);
  return radices;
}

/** The radices a rule gives for square size m (unchecked). */
export function radicesByRule(rule: RadixRule, m: number): number[] {
  if (rule.kind === 'sqrt') return sqrtRadices(m);
  if (rule.kind === 'base') return baseRadices(m, rule.base);
  return [...rule.radices];
}

/**
 * Checks that `radices` are integers ≥ 2 multiplying to m; a `UserError` at `location` naming
 * `where` otherwise.
 */
export function checkRadices(radices: readonly number[], m: number, where: string, location: ErrorLocation): void {
  if (radices.length === 0)
    throw new UserError(`${where}: a butterfly plan needs at least one radix`, {
      location,
      expected: `radices whose product is ${m}`,
    });
  for (const r of radices) {
    if (!Number.isSafeInteger(r) || r < 2) {
      throw new UserError(`${where}: every radix must be an integer >= 2`, {
        location,
        received: r,
        expected: `radices whose product is ${m}, e.g. ${sqrtRadices(m).join('x')}`,
      });
    }
  }
  const product = radices.reduce((a, b) => a * b, 1);
  if (product !== m) {
    throw new UserError(
      `${where}: the radices ${radices.join('x')} multiply to ${product}, not the butterfly size ${m}`,
      {
        location,
        expected: `radices whose product is ${m}, e.g. ${sqrtRadices(m).join('x')} or ${baseRadices(m, 4).join('x')}`,
      },
    );
  }
}

/**
 * The choice for one layer named `name` that the BFT replaces, with square size m, from
 * `source`: a checked butterfly plan, or (a plan file's `"dense": true`) the dense conv kept.
 * A `layers` source must name the layer.
 */
export function layerChoice(source: PlanSource, name: string, m: number): LayerChoice {
  if (source.kind === 'rule') {
    const radices = radicesByRule(source.rule, m);
    checkRadices(radices, m, `layer ${name}`, { field: 'radices' });
    return { kind: 'butterfly', plan: { radices, ...(source.form !== undefined ? { form: source.form } : {}) } };
  }
  const choice = source.layers.get(name);
  if (choice === undefined) {
    throw new UserError(`the plan names no layer "${name}", which the BFT replaces`, {
      location: { file: source.file, field: 'layers' },
      expected:
        'an entry {name, radices} or {name, dense: true} for every replaced layer (butterflops plan writes one)',
    });
  }
  if (choice.kind === 'butterfly')
    checkRadices(choice.plan.radices, m, `layer ${name}`, {
      file: source.file,
      field: `layers[name=${name}].radices`,
    });
  return choice;
}

/** Throws when a `layers` plan names layers the BFT does not replace (a dense entry names one it would replace). */
export function checkPlanCoverage(source: PlanSource, replaced: ReadonlySet<string>): void {
  if (source.kind !== 'layers') return;
  for (const name of source.layers.keys()) {
    if (!replaced.has(name)) {
      throw new UserError(`the plan names layer "${name}", which the BFT does not replace in this network`, {
        location: { file: source.file, field: 'layers' },
        expected: 'the names of replaced 1×1 layers (see `butterflops count --fusion bft --format json`)',
      });
    }
  }
}
