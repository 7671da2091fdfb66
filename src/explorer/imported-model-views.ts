/// <reference lib="dom" />
/**
 * What the count says about an imported model beyond its totals, as `butterflops count` says it
 * (`format/cost-report-format.ts`): the sizes that depend on the data, each counted at its bound
 * (`CostReport.dataDependent`: the totals are "at most"), and the trainable tensors several
 * layers read, with the rule that counted their params (`CostReport.sharedTensors`,
 * docs/conventions.md). The records are shown as the core computed them, never recomputed here.
 */
import type { CostReport, DataDependentLayers } from '../model/cost.js';
import type { SharedTensor } from '../model/network.js';
import { withThousands } from '../text/numbers.js';
import { byId, h } from './dom.js';

/** Names shown before a list is folded into "… and n more". */
const SHOWN_NAMES = 5;

/** `n` names: the first few, the rest behind a disclosure. */
function nameList(names: readonly string[], what: string): HTMLElement {
  const first = names.slice(0, SHOWN_NAMES).join(', ');
  if (names.length <= SHOWN_NAMES) return h('span', {}, `${names.length} ${what}: ${first}`);
  return h(
    'details',
    {},
    h('summary', {}, `${names.length} ${what}: ${first}, …`),
    h('p', { class: 'names' }, names.join(', ')),
  );
}

/** A table in its own scrolling box. */
function table(id: string, caption: string, headers: readonly string[], rows: readonly HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'scroll bounded' },
    h(
      'table',
      { id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, ...rows),
    ),
  );
}

/**
 * One bound: its node, op, the bound and where it comes from ("given by you" for a bound given in
 * the page's field, the CLI's `--bound`), and the layers counted at it.
 */
function boundRow(group: DataDependentLayers, given: ReadonlySet<string>): HTMLElement {
  return h(
    'tr',
    {},
    h('td', { class: 'path' }, group.node),
    h('td', {}, group.op),
    h('td', { class: 'num' }, `at most ${withThousands(BigInt(group.bound))}`),
    h('td', {}, given.has(group.node) ? 'given by you' : group.reason),
    h('td', {}, nameList(group.layers, group.layers.length === 1 ? 'layer' : 'layers')),
  );
}

/**
 * The sizes that depend on the data (`#data-dependent`): a sentence saying the totals are upper
 * bounds, and one row per bounding node (`given`: the nodes whose bound the user gave). Empty
 * when every size is fixed by the graph.
 */
export function renderDataDependent(report: CostReport, given: ReadonlySet<string> = new Set()): void {
  const groups = report.dataDependent ?? [];
  const element = byId('data-dependent');
  if (groups.length === 0) {
    element.replaceChildren();
    return;
  }
  const layers = groups.reduce((sum, group) => sum + group.layers.length, 0);
  element.replaceChildren(
    h(
      'p',
      { id: 'data-dependent-summary' },
      h('strong', {}, 'At most: '),
      `${groups.length} size${groups.length === 1 ? '' : 's'} in this graph depend${groups.length === 1 ? 's' : ''} on the data (boxes kept by a suppression, non-zero elements, …). ` +
        `Each is counted at its bound, so the MACs and FLOPs above, and those of the ${layers} layer${layers === 1 ? '' : 's'} counted at a bound, are upper bounds — as `,
      h('code', {}, 'butterflops count'),
      ' prints them (its ',
      h('code', {}, '--bound node=N'),
      ' sets another bound).',
    ),
    table(
      'data-dependent-table',
      'Sizes that depend on the data, by the node that bounds them (network order)',
      ['node', 'operator', 'size', 'bound from', 'counted at the bound'],
      groups.map((group) => boundRow(group, given)),
    ),
  );
}

/** How a shared tensor's params were counted, in words (the rules of `SharedTensor.rule`). */
const RULE_TEXT: { readonly [R in SharedTensor['rule']]: string } = {
  tied: 'tied: one parameter, counted once',
  'equal-values': 'equal values merged by the exporter: counted once per module',
  'module-scopes': 'no values in the file: counted once per module (by node-name scope)',
};

function sharedRow(tensor: SharedTensor): HTMLElement {
  return h(
    'tr',
    {},
    h('td', { class: 'path' }, tensor.name),
    h('td', { class: 'num' }, withThousands(BigInt(tensor.elements))),
    h('td', {}, nameList(tensor.readers, tensor.readers.length === 1 ? 'layer' : 'layers')),
    h('td', {}, RULE_TEXT[tensor.rule]),
    h('td', {}, nameList(tensor.modules, tensor.modules.length === 1 ? 'module' : 'modules')),
    h('td', { class: 'num' }, withThousands(BigInt(tensor.params))),
  );
}

/**
 * The trainable tensors several layers read (`#shared-tensors`): how many were tied or merged,
 * and one row per tensor with the rule applied and the params it adds. Empty when there are none.
 */
export function renderSharedTensors(report: CostReport): void {
  const shared = report.sharedTensors ?? [];
  const element = byId('shared-tensors');
  if (shared.length === 0) {
    element.replaceChildren();
    return;
  }
  const tied = shared.filter((tensor) => tensor.rule === 'tied').length;
  element.replaceChildren(
    h(
      'p',
      { id: 'shared-tensors-summary' },
      h('strong', {}, 'Shared tensors: '),
      `${shared.length} trainable tensor${shared.length === 1 ? ' is' : 's are'} read by several layers — ${tied} tied (counted once, as PyTorch's parameters() counts them), ` +
        `${shared.length - tied} merged by the exporter from several modules (counted once per module). The rules are in `,
      h('code', {}, 'docs/conventions.md'),
      '.',
    ),
    table(
      'shared-tensors-table',
      'Trainable tensors read by several layers, and how their params are counted',
      ['tensor', 'elements', 'read by', 'rule', 'counted for', 'params'],
      shared.map(sharedRow),
    ),
  );
}
