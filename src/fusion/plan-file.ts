/**
 * A plan file (`--plan plan.json`, what `butterflops plan --out` writes: `NetworkPlan` in
 * `model/network-plan.ts`) → the per-layer plans of a `PlanSource`. Only `layers[].name`,
 * `radices`, `form` and `dense` are read; every other field is information. An entry is either a
 * butterfly (`radices`, optional `form`, `dense` absent or false) or the dense 1×1 conv kept
 * (`"dense": true`, no `radices` or `form`). Pure: the caller reads the
 * file. Bad content is a `UserError` naming the file and the JSON pointer.
 */
import { UserError } from '../errors.js';
import { BUTTERFLY_FORMS, type ButterflyForm } from '../model/layer.js';
import type { LayerChoice, PlanSource, RadixRule } from './strategy.js';

/** Parses the text of a plan file. */
export function parsePlanFile(text: string, file: string): PlanSource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`not JSON: ${error instanceof Error ? error.message : String(error)}`, { location: { file } });
  }
  const layers = (data as { layers?: unknown } | null)?.layers;
  if (!Array.isArray(layers))
    throw new UserError('a plan file needs a "layers" array', {
      location: { file, path: '/layers' },
      expected: '{"layers": [{"name": …, "radices": [16, 16]}, …]}',
    });
  const plans = new Map<string, LayerChoice>();
  layers.forEach((entry: unknown, i) => {
    const at = `/layers/${i}`;
    const record = entry as { name?: unknown; radices?: unknown; form?: unknown; dense?: unknown } | null;
    if (typeof record?.name !== 'string')
      throw new UserError("a plan entry needs the layer's name", {
        location: { file, path: `${at}/name` },
        received: record?.name,
        expected: 'a string',
      });
    const name = record.name;
    if (plans.has(name))
      throw new UserError(`layer ${name} is planned twice`, { location: { file, path: `${at}/name` } });
    const dense = record.dense;
    if (dense !== undefined && typeof dense !== 'boolean')
      throw new UserError(`layer ${name}: "dense" must be true or false`, {
        location: { file, path: `${at}/dense` },
        received: dense,
        expected: 'true (keep the dense 1×1 conv) or false (a butterfly with these radices)',
      });
    if (dense === true) {
      const extra = (['radices', 'form'] as const).find((key) => record[key] !== undefined);
      if (extra !== undefined)
        throw new UserError(`layer ${name} is planned dense and also given ${extra}: give one or the other`, {
          location: { file, path: `${at}/${extra}` },
          received: record[extra],
          expected: `{"name": "${name}", "dense": true} or {"name": "${name}", "radices": […]}`,
        });
      plans.set(name, { kind: 'dense' });
      return;
    }
    const radices = record.radices;
    if (!Array.isArray(radices) || radices.some((r) => typeof r !== 'number' || !Number.isSafeInteger(r) || r < 2)) {
      throw new UserError(`layer ${name}: radices must be a list of integers >= 2`, {
        location: { file, path: `${at}/radices` },
        received: radices,
        expected: 'e.g. [16, 16], or "dense": true to keep the dense 1×1 conv',
      });
    }
    const form = record.form;
    if (form !== undefined && !(BUTTERFLY_FORMS as readonly unknown[]).includes(form)) {
      throw new UserError(`layer ${name}: unknown operator form`, {
        location: { file, path: `${at}/form` },
        received: form,
        expected: BUTTERFLY_FORMS.join(', '),
      });
    }
    plans.set(name, {
      kind: 'butterfly',
      plan: { radices: radices as number[], ...(form !== undefined ? { form: form as ButterflyForm } : {}) },
    });
  });
  return { kind: 'layers', file, layers: plans };
}

/**
 * `--radices RULE`: `sqrt` (two factors nearest √m), `base:K` (factors K, then primes), or an
 * explicit list `K1xK2x…` (every replaced layer's size must be its product).
 */
export function parseRadixRule(text: string): RadixRule {
  if (text === 'sqrt') return { kind: 'sqrt' };
  const base = /^base:(\d+)$/.exec(text);
  if (base) {
    const k = Number(base[1]);
    if (k < 2)
      throw new UserError('the base of a base:K radix rule must be >= 2', {
        location: { field: 'radices' },
        received: text,
      });
    return { kind: 'base', base: k };
  }
  if (/^\d+(x\d+)*$/.test(text)) {
    const radices = text.split('x').map(Number);
    if (radices.some((r) => r < 2))
      throw new UserError('every radix must be an integer >= 2', {
        location: { field: 'radices' },
        received: text,
        expected: 'e.g. 16x16',
      });
    return { kind: 'radices', radices };
  }
  throw new UserError('unknown radix rule', {
    location: { field: 'radices' },
    received: text,
    expected: 'sqrt, base:K (e.g. base:4) or radices joined by x (e.g. 32x64)',
  });
}
