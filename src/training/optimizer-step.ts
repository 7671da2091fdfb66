/**
 * FLOPs of one optimizer step (issue 24, optional part): the element-wise update of every
 * trainable parameter after the backward pass. Not MACs and not per sample: it runs once per
 * batch, on the trainable parameters only, so it is reported apart from the training MACs.
 *
 * Per parameter element, from torch 1.13's single-tensor implementations (`torch/optim/sgd.py`,
 * `adam.py`), one FLOP per multiply, add, divide or square root (an `alpha`/`value` of 1
 * multiplies nothing):
 * - SGD: p ← p − lr·g: 2.
 * - SGD with momentum (no dampening): b ← μ·b + g (2), p ← p − lr·b (2): 4 (the first step
 *   copies g into b instead: 2).
 * - Adam: m ← β₁·m + (1−β₁)·g (3), v ← β₂·v + (1−β₂)·g·g (4), d ← √v / √(1−β₂ᵗ) + ε (3),
 *   p ← p − (lr / (1−β₁ᵗ))·m / d (3): 13. (The bias corrections are per tensor, not per element.)
 * - Weight decay (g ← g + λ·p) adds 2 to each.
 * Checked against the element-wise operators torch executes (`scripts/measure-training-macs.py`).
 */

/** The optimizers counted. */
export const OPTIMIZERS = ['sgd', 'sgd-momentum', 'adam'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];

/** FLOPs per trainable parameter element of one step, without weight decay. */
export const OPTIMIZER_FLOPS_PER_PARAM: { readonly [O in Optimizer]: bigint } = {
  sgd: 2n,
  'sgd-momentum': 4n,
  adam: 13n,
};

/** Extra FLOPs per parameter element for weight decay (g + λ·p). */
export const WEIGHT_DECAY_FLOPS_PER_PARAM = 2n;

/**
 * FLOPs of one step of `optimizer` over `trainableParams` parameter elements.
 * Example: optimizerStepFlops(513000n, 'adam') = 6669000n (ResNet-18's fc).
 */
export function optimizerStepFlops(trainableParams: bigint, optimizer: Optimizer, weightDecay = false): bigint {
  return trainableParams * (OPTIMIZER_FLOPS_PER_PARAM[optimizer] + (weightDecay ? WEIGHT_DECAY_FLOPS_PER_PARAM : 0n));
}
