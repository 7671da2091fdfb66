/**
 * ptflops 0.7.5 — `get_model_complexity_info(model, (3, H, W), as_strings=False)`, in MACs
 * (it prints "GMac"). Three presets: the PyTorch backend as it runs by default (functional and
 * tensor-op counting on), the same with `backend_specific_config={'count_functional': False}`,
 * and the aten backend (`backend='aten'`).
 *
 * Read at sovrasov/flops-counter.pytorch tag v0.7.5 (3c5c3e3; 0.7.6 differs only in its version
 * number). The default backend is `FLOPS_BACKEND.PYTORCH` (ptflops/flops_counter.py; the README's
 * "The default backend is `aten`" is stale since commit d583beb "Revert default backend").
 *
 * PyTorch backend, module hooks (ptflops/pytorch_ops.py `MODULES_MAPPING`; a forward hook per
 * module, so a module called n times counts n times):
 * - `nn.Conv2d` `conv_flops_counter_hook`: K_h·K_w·C_in·(C_out/groups) per output position
 *   (= the MACs) plus, with a bias, one per output element.
 * - `nn.Linear` `linear_flops_counter_hook`: (N_in·N_out + N_out if bias).
 * - `nn.BatchNorm2d` `bn_flops_counter_hook`: input elements, × 2 when affine.
 * - `nn.ReLU`, `nn.ReLU6` (also PReLU, ELU, LeakyReLU, GELU) `relu_flops_counter_hook`: output
 *   elements. `nn.Hardswish`, `nn.Hardsigmoid`, `nn.Sigmoid` have no entry: 0.
 * - Every pooling module incl. `nn.AdaptiveAvgPool2d` `pool_flops_counter_hook`: input elements.
 * With functional counting on (ptflops/pytorch_engine.py `patch_functional`, `patch_tensor_ops`),
 * calls of the patched `F.relu`, `F.relu6`, `F.max_pool2d`, `F.avg_pool2d`,
 * `F.adaptive_avg_pool2d`, … add input elements (`_numel_functional_flops_hook`), and
 * `torch.add`/`Tensor.add`/`torch.mul`/`Tensor.mul` add the broadcast output elements
 * (`_elementwise_tensor_flops_hook`). PyTorch's modules call these functions themselves
 * (`nn.ReLU.forward` → `F.relu`, `nn.MaxPool2d.forward` → `F.max_pool2d`,
 * `nn.AdaptiveAvgPool2d.forward` → `F.adaptive_avg_pool2d`), so those modules count twice;
 * `nn.ReLU6` calls `F.hardtanh` (not patched) and counts once. The operators `a + b`, `a += b`,
 * `a * b` go through `Tensor.__add__`/`__iadd__`/`__mul__`, which are not patched: 0. `x.mean`: 0.
 *
 * Aten backend (ptflops/aten_engine.py, ptflops/aten_ops.py `ATEN_OPS_MAPPING`): only
 * `aten.convolution` (MACs + one per output element with a bias), `aten.addmm` (MACs + N_out with
 * a bias), `mm`, `matmul`, `bmm`; everything else is a zero-op.
 *
 * Transformers (same files; `multihead_attention_counter_hook`, `_matmul_tensor_flops_hook`):
 * - `nn.Linear` on T tokens: `linear_flops_counter_hook` multiplies by the leading dims: T·(N_in·N_out
 *   + N_out with a bias) — a conv2d record over rows counts like a 1×1 conv with a bias.
 * - `nn.MultiheadAttention` (module hook, one formula for the whole module): q scaling T·d,
 *   projections 3·T·d², in-projection bias 3·T·d (when it has one), per head T²·d_h (q·kᵀ) + T²
 *   (softmax) + T²·d_h (attn·v), out projection T·d·(d + 1) ("bias is always enabled"). Modelled
 *   on the records it is made of: the in-projection counts its MACs + T·d (scaling) + its bias,
 *   the out-projection its MACs + T·d, each product its MACs, the softmax 1 per element.
 *   ptflops runs the model with autograd on, so PyTorch 1.13 takes the module's Python path
 *   (`F.multi_head_attention_forward`), whose `torch.bmm` and `softmax` calls are patched: with
 *   functional counting the two products and the softmax count a second time (its `linear`
 *   calls are not patched: `F.linear` is commented out in `patch_functional`).
 * - Products written `torch.matmul`/`Tensor.matmul`/`torch.bmm`: input elements · last dim of the
 *   other = batch·m·k·n, with functional counting only; `a @ b` (`Tensor.__matmul__`) and
 *   `torch.einsum` are not patched: 0.
 * - `nn.LayerNorm` → `bn_flops_counter_hook`: input elements, doubled only when the module has an
 *   `affine` attribute — LayerNorm's is `elementwise_affine`: 1 per element. `F.layer_norm`: 0.
 * - `nn.GELU` → `relu_flops_counter_hook` (output elements), and its `F.gelu` call is patched: 2;
 *   `F.gelu` alone 1. `nn.Softmax` has no hook, its `F.softmax` call is patched: 1, as `F.softmax`.
 * - A Linear's parameters used through `F.linear` (torchvision's Swin attention) are seen by no
 *   hook: 0, bias included.
 * - The aten backend sees a Linear on a (B, T, C) contiguous input as `aten.addmm` (bias counted)
 *   but one on a 4-D channels-last input (ConvNeXt's MLP) as `aten.mm` + `add_`: no bias.
 * - ptflops 0.7.5 cannot count torchvision's ViT: it calls `nn.MultiheadAttention` with keyword
 *   arguments and the hook unpacks the positional ones (`q, k, v = input`), so
 *   `get_model_complexity_info` prints the exception and returns `(None, None)`.
 */
import { PAPER_CONVENTION } from '../model/convention.js';
import type { PytorchForm } from '../model/layer.js';
import type { ConventionPreset } from './preset.js';
import { ELEMENTS, toolRegistry } from './tool-registry.js';
import { attentionProjection, elementwiseForm, matmulForm, transformerOp } from './transformer-ops.js';

const VERSION = 'ptflops 0.7.5 (v0.7.5, 3c5c3e3)';
const SOURCE =
  'ptflops/pytorch_engine.py, ptflops/pytorch_ops.py (MODULES_MAPPING, FUNCTIONAL_MAPPING, TENSOR_OPS_MAPPING), ptflops/aten_ops.py';

/** How many times ptflops' PyTorch backend sees an activation, pool or global pool of a given form. */
function pytorchBackendCalls(
  form: PytorchForm<'activation'> | PytorchForm<'global-pool'> | undefined,
  moduleHook: boolean,
  functionPatched: boolean,
  moduleCallsPatchedFunction: boolean,
  countFunctional: boolean,
): number {
  switch (form ?? 'module') {
    case 'module':
      return (moduleHook ? 1 : 0) + (countFunctional && moduleCallsPatchedFunction ? 1 : 0);
    case 'functional':
      return countFunctional && functionPatched ? 1 : 0;
    case 'x.mean':
      return 0;
  }
}

function times(calls: number, elements: string): string {
  return calls === 0 ? '0' : calls === 1 ? elements : `${calls} * ${elements}`;
}

/**
 * A projection's extra operations: its bias (1 per output element; the out-projection of
 * `nn.MultiheadAttention` always) plus, for the in-projection, the q scaling (T·d = its input
 * elements).
 */
function projectionExtra(projection: 'in' | 'out' | undefined, bias: boolean, output: string, input: string): string {
  const biasOps = bias || projection === 'out' ? output : '0';
  return projection === 'in' ? `${input} + ${biasOps}` : biasOps;
}

/** The PyTorch-backend registry, with or without functional/tensor-op counting. */
function pytorchBackend(countFunctional: boolean) {
  return toolRegistry(
    {
      conv2d: (layer) =>
        layer.pytorch === 'F.linear'
          ? '0'
          : projectionExtra(attentionProjection(layer), layer.bias, ELEMENTS.output, ELEMENTS.input),
      linear: (layer) =>
        layer.pytorch === 'F.linear' ? '0' : projectionExtra(attentionProjection(layer), layer.bias, 'N_out', 'N_in'),
      elementwise: (layer) => {
        const form = elementwiseForm(layer);
        switch (transformerOp(layer)) {
          case 'layer norm':
            return form === 'module' ? ELEMENTS.input : '0';
          case 'gelu':
            return times(
              (form === 'module' ? 1 : 0) + (countFunctional && form !== 'nn.MultiheadAttention' ? 1 : 0),
              ELEMENTS.input,
            );
          case 'softmax':
            return times((form === 'nn.MultiheadAttention' ? 1 : 0) + (countFunctional ? 1 : 0), ELEMENTS.input);
          case undefined:
            return '0';
        }
      },
      batchnorm: () => `2 * ${ELEMENTS.input}`,
      activation: (layer) => {
        // Module hooks exist for ReLU and ReLU6 only; F.relu and F.relu6 are patched; nn.ReLU calls
        // F.relu, nn.ReLU6 calls F.hardtanh.
        const hooked = layer.fn === 'relu' || layer.fn === 'relu6';
        return times(
          pytorchBackendCalls(layer.pytorch, hooked, hooked, layer.fn === 'relu', countFunctional),
          ELEMENTS.input,
        );
      },
      pool: (layer) => times(pytorchBackendCalls(layer.pytorch, true, true, true, countFunctional), ELEMENTS.input),
      'global-pool': (layer) =>
        times(pytorchBackendCalls(layer.pytorch, true, true, true, countFunctional), ELEMENTS.input),
      add: (layer) => (countFunctional && layer.pytorch === 'torch.add' ? ELEMENTS.output : '0'),
      multiply: (layer) => (countFunctional && layer.pytorch === 'torch.mul' ? ELEMENTS.output : '0'),
    },
    {
      // F.linear is not patched (commented out in patch_functional) and no module hook runs.
      conv2d: (layer) => (layer.pytorch === 'F.linear' ? 0 : 1),
      linear: (layer) => (layer.pytorch === 'F.linear' ? 0 : 1),
      matmul: (layer) => {
        switch (matmulForm(layer)) {
          case 'nn.MultiheadAttention':
            return countFunctional ? 2 : 1;
          case 'torch.matmul':
          case 'torch.bmm':
            return countFunctional ? 1 : 0;
          case '@':
          case 'torch.einsum':
            return 0;
        }
      },
    },
  );
}

const MODULE_RULES = {
  'conv MACs': 'nn.Conv2d hook: K²·C_in·C_out/groups per output position',
  'linear MACs': 'nn.Linear hook: N_in·N_out per token; F.linear (not patched): 0',
  'conv bias': 'nn.Conv2d hook: 1 per output element when the conv has a bias',
  'linear bias': 'nn.Linear hook: N_out when it has a bias',
  'batch norm': 'nn.BatchNorm2d hook: 2 per input element (affine)',
  'attention projection MACs':
    'nn.Linear hook: T·N_in·N_out; inside nn.MultiheadAttention its hook: 3·T·d² + T·d²; F.linear (Swin): 0',
  'attention bias/scaling':
    'nn.Linear hook: T·N_out with a bias; nn.MultiheadAttention hook: q scaling T·d + in bias 3·T·d + out bias T·d (always)',
  'layer norm':
    'nn.LayerNorm → bn hook: 1 per input element (it checks `affine`, LayerNorm has `elementwise_affine`); F.layer_norm: 0',
  hardswish: 'no rule for nn.Hardswish: 0',
  hardsigmoid: 'no rule for nn.Hardsigmoid: 0',
  sigmoid: 'no rule for nn.Sigmoid: 0',
};

/** ptflops' PyTorch backend as `get_model_complexity_info` runs by default. */
export const PTFLOPS_PRESET: ConventionPreset = {
  name: 'ptflops',
  tool: "ptflops get_model_complexity_info(model, (3, H, W)) (backend 'pytorch', count_functional on)",
  version: VERSION,
  source: SOURCE,
  reportedUnit: 'MAC',
  convention: {
    ...PAPER_CONVENTION,
    extraBiasAdds: true,
    extraBatchNorm: true,
    extraActivations: true,
    extraPooling: true,
    extraElementwise: true,
    preset: {
      name: 'ptflops',
      tool: "ptflops get_model_complexity_info(model, (3, H, W)) (backend 'pytorch', count_functional on)",
      version: VERSION,
      reportedUnit: 'MAC',
    },
  },
  registry: pytorchBackend(true),
  rules: {
    ...MODULE_RULES,
    relu: 'nn.ReLU hook (output elements) + the patched F.relu it calls (input elements): 2 per element; F.relu alone: 1',
    'attention MACs':
      'nn.MultiheadAttention hook + the patched torch.bmm of its Python path: 2·batch·m·k·n; torch.matmul/torch.bmm: 1×; a @ b, torch.einsum: 0',
    gelu: 'nn.GELU hook + the patched F.gelu it calls: 2 per element; F.gelu alone: 1',
    softmax:
      'F.softmax patched (also what nn.Softmax calls): 1 per element; in nn.MultiheadAttention its hook + patched softmax: 2',
    relu6: 'nn.ReLU6 hook: 1 per element (it calls F.hardtanh, not patched)',
    'max pool': 'nn.MaxPool2d hook + the patched F.max_pool2d it calls: 2 per input element',
    'average pool': 'nn.AvgPool2d hook + the patched F.avg_pool2d it calls: 2 per input element',
    'global average pool':
      'nn.AdaptiveAvgPool2d hook + patched F.adaptive_avg_pool2d: 2 per input element; F.adaptive_avg_pool2d alone: 1; x.mean: 0',
    'residual add': 'only torch.add / Tensor.add (patched): output elements; a + b and a += b: 0',
    'gate multiply': 'only torch.mul / Tensor.mul (patched): output elements; a * b: 0',
  },
};

/** ptflops' PyTorch backend with `backend_specific_config={'count_functional': False}`: module hooks only. */
export const PTFLOPS_MODULES_PRESET: ConventionPreset = {
  name: 'ptflops-modules',
  tool: "ptflops get_model_complexity_info(..., backend_specific_config={'count_functional': False})",
  version: VERSION,
  source: SOURCE,
  reportedUnit: 'MAC',
  convention: {
    ...PAPER_CONVENTION,
    extraBiasAdds: true,
    extraBatchNorm: true,
    extraActivations: true,
    extraPooling: true,
    preset: {
      name: 'ptflops-modules',
      tool: "ptflops get_model_complexity_info(..., backend_specific_config={'count_functional': False})",
      version: VERSION,
      reportedUnit: 'MAC',
    },
  },
  registry: pytorchBackend(false),
  rules: {
    ...MODULE_RULES,
    relu: 'nn.ReLU hook: 1 per element; F.relu invisible: 0',
    'attention MACs': 'nn.MultiheadAttention hook: batch·m·k·n; torch.matmul, torch.bmm, a @ b, torch.einsum: 0',
    gelu: 'nn.GELU hook: 1 per element; F.gelu: 0',
    softmax: 'in nn.MultiheadAttention its hook: 1 per element; nn.Softmax, F.softmax: 0',
    relu6: 'nn.ReLU6 hook: 1 per element',
    'max pool': 'nn.MaxPool2d hook: 1 per input element',
    'average pool': 'nn.AvgPool2d hook: 1 per input element',
    'global average pool':
      'nn.AdaptiveAvgPool2d hook: 1 per input element; F.adaptive_avg_pool2d and x.mean invisible: 0',
    'residual add': 'tensor ops not patched: 0',
    'gate multiply': 'tensor ops not patched: 0',
  },
};

/** ptflops' aten backend (`backend='aten'`). */
export const PTFLOPS_ATEN_PRESET: ConventionPreset = {
  name: 'ptflops-aten',
  tool: "ptflops get_model_complexity_info(model, (3, H, W), backend='aten')",
  version: VERSION,
  source: SOURCE,
  reportedUnit: 'MAC',
  convention: {
    ...PAPER_CONVENTION,
    extraBiasAdds: true,
    preset: {
      name: 'ptflops-aten',
      tool: "ptflops get_model_complexity_info(model, (3, H, W), backend='aten')",
      version: VERSION,
      reportedUnit: 'MAC',
    },
  },
  registry: toolRegistry({
    // A Linear on a 4-D channels-last input runs as aten.mm + add_ in PyTorch 1.13: no bias.
    conv2d: (layer) => (layer.bias && layer.pytorch !== 'nn.Linear channels-last' ? ELEMENTS.output : '0'),
    linear: (layer) => (layer.bias ? 'N_out' : '0'),
  }),
  rules: {
    'conv MACs': 'aten.convolution: prod(w_shape)·H_out·W_out (aten_ops.py conv_flop_count)',
    'linear MACs': 'aten.addmm: N_in·N_out; on T tokens aten.addmm (3-D input) or aten.mm (4-D channels-last input)',
    'linear bias': 'aten.addmm with a bias: T·N_out; a 4-D channels-last input (mm + add_): 0',
    'attention projection MACs': 'aten.addmm / mm: T·N_in·N_out',
    'attention bias/scaling': 'aten.addmm with a bias: T·N_out',
    'attention MACs': 'aten.bmm / matmul: batch·m·k·n (bmm_flop, matmul_flop), whatever the Python form',
    'conv bias': 'aten.convolution with a bias: 1 per output element',
  },
};
