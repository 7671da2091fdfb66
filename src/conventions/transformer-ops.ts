/**
 * The element-wise operations of transformers that counting tools treat differently (LayerNorm,
 * GELU, softmax), recognised on `elementwise` layer records by the source operator they name,
 * and the PyTorch forms of the layers attention is built from. Pure vocabulary for the presets
 * and `explain`.
 */
import type { ElementwiseLayer, PytorchForm } from '../model/layer.js';

/** The transformer element-wise operations the presets tell apart. */
export type TransformerOp = 'layer norm' | 'gelu' | 'softmax';

/**
 * Source operators (ONNX op types) of each: `LayerNormalization` (opset 17); `Gelu` (opset 20)
 * and `Erf`, which stands for the whole GELU in opset-17 exports (x·0.5·(1 + erf(x/√2)); the
 * Div/Add/Mul around it are separate records, counted by no preset as GELU); `Softmax`.
 */
const OPS: Readonly<Record<string, TransformerOp>> = {
  LayerNormalization: 'layer norm',
  Gelu: 'gelu',
  Erf: 'gelu',
  Softmax: 'softmax',
};

/** The transformer operation an element-wise layer is, if it is one. Example: `Erf` → `gelu`. */
export function transformerOp(layer: Pick<ElementwiseLayer<unknown>, 'op'>): TransformerOp | undefined {
  return OPS[layer.op];
}

/** The PyTorch form of an element-wise layer (`module` when the record says nothing). */
export function elementwiseForm(layer: { readonly pytorch?: PytorchForm<'elementwise'> }): PytorchForm<'elementwise'> {
  return layer.pytorch ?? 'module';
}

/** The PyTorch form of a matmul layer (`@` when the record says nothing). */
export function matmulForm(layer: { readonly pytorch?: PytorchForm<'matmul'> }): PytorchForm<'matmul'> {
  return layer.pytorch ?? '@';
}

/** Whether a conv2d/linear record is a projection inside `nn.MultiheadAttention`, and which. */
export function attentionProjection(layer: { readonly pytorch?: string }): 'in' | 'out' | undefined {
  return layer.pytorch === 'nn.MultiheadAttention.in_proj' ? 'in' : layer.pytorch === 'nn.MultiheadAttention.out_proj' ? 'out' : undefined;
}
