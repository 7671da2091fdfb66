/**
 * Execution order of an ONNX graph's nodes (Kahn's algorithm, ties in file order), with the two
 * structural checks: every node input is produced by a node, an initializer or a graph input
 * (no dangling input), and the graph has no cycle. O(nodes + edges).
 */
import { UserError } from '../errors.js';
import type { OnnxGraph, OnnxNode } from './onnx-graph.js';

/**
 * The nodes in an order where every value is produced before it is read. `outer` says which
 * names an enclosing graph defines (a subgraph may read them).
 */
export function executionOrder(
  graph: OnnxGraph,
  file: string,
  outer: (name: string) => boolean = () => false,
): OnnxNode[] {
  const defined = new Set<string>(['', ...graph.initializers.keys(), ...graph.inputs.map((i) => i.name)]);
  const available = { has: (name: string) => defined.has(name) || outer(name) };
  const producer = new Map<string, OnnxNode>();
  for (const node of graph.nodes) for (const output of node.outputs) if (output !== '') producer.set(output, node);
  const waiting = new Map<OnnxNode, number>();
  const consumers = new Map<string, OnnxNode[]>();
  for (const node of graph.nodes) {
    let count = 0;
    for (const input of new Set(node.inputs)) {
      if (available.has(input)) continue;
      if (!producer.has(input)) {
        throw new UserError(
          `node "${node.name}" (${node.opType}): input "${input}" is not produced by any node, initializer or graph input`,
          {
            location: { file },
            expected: 'every node input defined in the graph',
          },
        );
      }
      count++;
      const list = consumers.get(input) ?? [];
      list.push(node);
      consumers.set(input, list);
    }
    waiting.set(node, count);
  }
  // A ready queue kept in file order (a heap would be O(log n); graphs are small enough for a sorted insert).
  const ready = graph.nodes.filter((node) => waiting.get(node) === 0);
  const order: OnnxNode[] = [];
  while (ready.length > 0) {
    const node = ready.shift() as OnnxNode;
    order.push(node);
    for (const output of node.outputs) {
      for (const consumer of consumers.get(output) ?? []) {
        const left = (waiting.get(consumer) ?? 0) - 1;
        waiting.set(consumer, left);
        if (left === 0) insertInOrder(ready, consumer);
      }
    }
  }
  if (order.length < graph.nodes.length) {
    const stuck = graph.nodes.find((node) => (waiting.get(node) ?? 0) > 0) as OnnxNode;
    throw new UserError(`node "${stuck.name}" (${stuck.opType}) is on a cycle: its inputs depend on its own outputs`, {
      location: { file },
      expected: 'an acyclic graph',
    });
  }
  return order;
}

function insertInOrder(queue: OnnxNode[], node: OnnxNode): void {
  let i = queue.length;
  while (i > 0 && (queue[i - 1]?.index ?? 0) > node.index) i--;
  queue.splice(i, 0, node);
}
