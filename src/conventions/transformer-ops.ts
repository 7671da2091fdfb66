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

/**
 * The PyTorch form of an element-wise layer; when the record says nothing, the form
 * torchvision's transformers use: `module` (`nn.LayerNorm`, `nn.GELU`), but `functional` for a
 * softmax (Swin's `F.softmax`; no torchvision model uses `nn.Softmax`).
 */
export function elementwiseForm(layer: Pick<ElementwiseLayer<unknown>, 'op' | 'pytorch'>): PytorchForm<'elementwise'> {
  return layer.pytorch ?? (transformerOp(layer) === 'softmax' ? 'functional' : 'module');
}

/**
 * The PyTorch form of a matmul layer; when the record says nothing `torch.matmul` (torchvision's
 * Swin writes `q.matmul(k.transpose(-2, -1))`, `Tensor.matmul`).
 */
export function matmulForm(layer: { readonly pytorch?: PytorchForm<'matmul'> }): PytorchForm<'matmul'> {
  return layer.pytorch ?? 'torch.matmul';
}

/** Whether a conv2d/linear record is a projection inside `nn.MultiheadAttention`, and which. */
export function attentionProjection(layer: { readonly pytorch?: string }): 'in' | 'out' | undefined {
  return layer.pytorch === 'nn.MultiheadAttention.in_proj'
    ? 'in'
    : layer.pytorch === 'nn.MultiheadAttention.out_proj'
      ? 'out'
      : undefined;
}
