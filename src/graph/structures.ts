import type { FusionGraph, FusionLayer } from '../model/fusion-graph.js';
import { UserError } from '../errors.js';
import { mixedRadices, mixedRadixPlan } from '../butterfly/plan.js';
import { seededRandom } from '../random/seeded-random.js';
import { butterflyLayers } from './butterfly-graph.js';
import { checkStoredTargets, completeLayer, groupedLayer, regularLayer } from './layered-graph.js';

/** Dense pointwise fusion: one complete layer, every input to every output; n² edges. O(n). */
export function denseGraph(n: number): FusionGraph {
  return { structure: 'dense', n, parameters: {}, layers: [completeLayer(n, n)] };
}

/**
 * ShuffleNet-style fusion: `layers` grouped 1×1 convs with g groups (each node feeds the n/g
 * nodes of its group), with a channel shuffle (reshape g × n/g, transpose, flatten) before every
 * layer after the first; the shuffle is a permutation and is folded into the edges. Edges
 * layers·n·n/g, stored as one shared row per group. O(layers·n).
 */
export function shuffleGraph(n: number, groups: number, layers = 2): FusionGraph {
  if (!Number.isSafeInteger(groups) || groups < 1 || n % groups !== 0) {
    throw new UserError(`the number of groups must divide n = ${n}`, {
      received: groups,
      location: { field: 'groups' },
    });
  }
  checkLayers(layers);
  const size = n / groups;
  // Shuffle: channel x = (group a, index b) moves to position b·g + a.
  const shuffled = (x: number) => (x % size) * groups + Math.floor(x / size);
  const edgeLayers: FusionLayer[] = [];
  for (let layer = 0; layer < layers; layer++) {
    edgeLayers.push(
      groupedLayer(
        n,
        n,
        groups,
        size,
        (u) => Math.floor((layer === 0 ? u : shuffled(u)) / size),
        (group, targets, at) => {
          for (let i = 0; i < size; i++) targets[at + i] = group * size + i;
        },
      ),
    );
  }
  return { structure: 'shuffle', n, parameters: { groups, layers }, layers: edgeLayers };
}

/** Low-rank fusion n → r → n (two complete layers); 2·n·r edges. Needs 1 ≤ r < n. O(n). */
export function lowRankGraph(n: number, rank: number): FusionGraph {
  if (!Number.isSafeInteger(rank) || rank < 1 || rank >= n) {
    throw new UserError(`the rank must be an integer in [1, n) = [1, ${n})`, {
      received: rank,
      location: { field: 'rank' },
    });
  }
  return {
    structure: 'low-rank',
    n,
    parameters: { rank },
    layers: [completeLayer(n, rank), completeLayer(rank, n)],
  };
}

/**
 * Circulant fusion as computed through the FFT: FFT butterfly (radices from `mixedRadices(n,
 * base)`), a diagonal (one multiply per frequency), then the inverse FFT, whose graph is the same
 * butterfly layers in reverse order (the inverse of F = P·B_m⋯B_1 is B_1ᴴ⋯B_mᴴ·Pᵀ / n, and each
 * layer's transpose has the same edges). Edges 2·n·Σr + n. O(n·m).
 */
export function circulantGraph(n: number, base: number): FusionGraph {
  const plan = mixedRadixPlan(mixedRadices(n, base));
  const fft = butterflyLayers(plan);
  const diagonal = regularLayer(n, n, 1, (u, targets, at) => {
    targets[at] = u;
  });
  return {
    structure: 'circulant',
    n,
    parameters: { base, radices: plan.radices },
    layers: [...fft, diagonal, ...butterflyLayers(plan).reverse()],
  };
}

/**
 * Random sparse fusion: `layers` layers in which every node picks `degree` distinct targets
 * uniformly at random (seeded: the same seed gives the same graph). n·degree·layers edges;
 * degree n gives complete layers. More than `MAX_STORED_TARGETS` stored edges is a `UserError`.
 * O(layers·n·degree) expected.
 */
export function randomGraph(n: number, degree: number, layers: number, seed: number): FusionGraph {
  if (!Number.isSafeInteger(degree) || degree < 1 || degree > n) {
    throw new UserError(`the degree must be an integer in [1, n] = [1, ${n}]`, {
      received: degree,
      location: { field: 'degree' },
    });
  }
  checkLayers(layers);
  if (degree === n) {
    return {
      structure: 'random',
      n,
      parameters: { degree, layers, seed },
      layers: Array.from({ length: layers }, () => completeLayer(n, n)),
    };
  }
  checkStoredTargets(BigInt(n) * BigInt(degree) * BigInt(layers), 'degree');
  const random = seededRandom(seed);
  const edgeLayers: FusionLayer[] = [];
  for (let layer = 0; layer < layers; layer++) {
    edgeLayers.push(
      regularLayer(n, n, degree, (_, targets, at) => {
        for (let i = 0; i < degree; i++) {
          let target: number;
          do target = random.integer(0, n - 1);
          while (targets.subarray(at, at + i).includes(target));
          targets[at + i] = target;
        }
      }),
    );
  }
  return { structure: 'random', n, parameters: { degree, layers, seed }, layers: edgeLayers };
}

function checkLayers(layers: number): void {
  if (!Number.isSafeInteger(layers) || layers < 1 || layers > 64) {
    throw new UserError('the number of layers must be an integer in [1, 64]', {
      received: layers,
      location: { field: 'layers' },
    });
  }
}
