#!/usr/bin/python3
"""Measure the MACs PyTorch executes in one training step (issue 24): the training-count oracle.

NOT run by CI. The JSON it writes is committed; re-run it only to regenerate it.

Needs Debian's torch 1.13 / torchvision 0.14 under ``/usr/bin/python3`` (no network: every model
is built with ``weights=None``). Run from the repository root:

    /usr/bin/python3 scripts/measure-training-macs.py            # ~1 min on one core

For each case it builds the model, marks the parameters that train (``requires_grad``), runs ONE
forward pass on a 1x3x224x224 input (which does not require grad) and ONE backward pass of
``output.sum()`` under a ``TorchDispatchMode`` that sees every aten operator the autograd engine
runs, and sums MACs from the operators' shapes:

- ``convolution`` (forward) and ``convolution_backward``: a convolution multiplies
  numel(output) * prod(weight.shape[1:]) pairs (transposed: numel(input) * prod(weight.shape[1:]));
  ``convolution_backward`` computes the input gradient and the weight gradient only where its
  ``output_mask`` says so, each multiplying the same pairs as the forward;
- ``mm`` (n x k)(k x m): n*k*m; ``addmm``: the same for its two matrix operands; ``bmm`` and
  ``baddbmm`` (b x n x k)(b x k x m): b*n*k*m.

Any other operator whose name suggests a product (conv, mm, matmul, linear, einsum, dot) is
listed under ``unrecognised`` so a missed product cannot pass silently. Models run in eval mode
(batch norm uses its running statistics, dropout is off); the MACs are the same in train mode.

Writes test/fixtures/training-macs.json and test/fixtures/training-tiny-mixed.onnx (a small
network with grouped and transposed convs and a product of two activations, weights included).
"""

import json
import math
import os
import platform
import sys

import torch
import torch.nn as nn
import torchvision
from torch.utils._python_dispatch import TorchDispatchMode

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT_PATH = os.path.join(ROOT, 'test', 'fixtures', 'training-macs.json')
SEED = 20260101
aten = torch.ops.aten


def numel(shape):
    return math.prod(shape)


def conv_macs(input_shape, weight_shape, output_shape, transposed):
    """Pairs a convolution multiplies, from its shapes (any number of spatial dims, any groups)."""
    per = numel(weight_shape[1:])
    return numel(input_shape) * per if transposed else numel(output_shape) * per


class MacCounter(TorchDispatchMode):
    """Sums MACs of products, forward and backward apart (the phase is set from outside)."""

    def __init__(self):
        super().__init__()
        self.phase = 'forward'
        self.macs = {'forward': 0, 'backward': 0}
        self.conv_backward = {'input': 0, 'weight': 0}
        self.ops = {}
        self.unrecognised = {}

    def add(self, op, macs):
        self.macs[self.phase] += macs
        key = f'{self.phase}:{op}'
        self.ops[key] = self.ops.get(key, 0) + macs

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        packet = func.overloadpacket
        if packet is aten.convolution:
            x, w = args[0], args[1]
            transposed = bool(args[6])
            self.add('convolution', conv_macs(x.shape, w.shape, out.shape, transposed))
        elif packet is aten.convolution_backward:
            grad_output, x, w = args[0], args[1], args[2]
            transposed, mask = bool(args[7]), args[10]
            macs = conv_macs(x.shape, w.shape, grad_output.shape, transposed)
            if mask[0]:
                self.add('convolution_backward.input', macs)
                self.conv_backward['input'] += macs
            if mask[1]:
                self.add('convolution_backward.weight', macs)
                self.conv_backward['weight'] += macs
        elif packet is aten.mm:
            a, b = args[0], args[1]
            self.add('mm', a.shape[0] * a.shape[1] * b.shape[1])
        elif packet is aten.addmm:
            a, b = args[1], args[2]
            self.add('addmm', a.shape[0] * a.shape[1] * b.shape[1])
        elif packet is aten.bmm:
            a, b = args[0], args[1]
            self.add('bmm', a.shape[0] * a.shape[1] * a.shape[2] * b.shape[2])
        elif packet is aten.baddbmm:
            a, b = args[1], args[2]
            self.add('baddbmm', a.shape[0] * a.shape[1] * a.shape[2] * b.shape[2])
        else:
            name = str(packet)
            if any(s in name for s in ('conv', 'mm', 'matmul', 'linear', 'einsum', 'dot', 'mv')):
                self.unrecognised[name] = self.unrecognised.get(name, 0) + 1
        return out


class OnnxGraphModule(nn.Module):
    """An ONNX graph run by PyTorch operators, its float initializers as parameters (named as in the
    file). Just the operators butterflops' BFT exports use: Conv (groups, strides, SAME_UPPER or
    explicit pads), BatchNormalization (inference), Clip, Reshape, Transpose, Concat, Add,
    GlobalAveragePool, Flatten, Gemm, Identity. It lets autograd differentiate an exported
    butterfly network exactly as written: each butterfly factor a channel shuffle and a grouped
    1x1 convolution."""

    def __init__(self, path):
        super().__init__()
        import onnx
        from onnx import numpy_helper
        model = onnx.load(path)
        self.nodes = list(model.graph.node)
        self.input_name = model.graph.input[0].name
        self.output_name = model.graph.output[0].name
        self.params = nn.ParameterDict()
        self.constants = {}
        self.param_keys = {}
        # Batch norm's running statistics are buffers, not parameters.
        statistics = {n.input[i] for n in self.nodes if n.op_type == 'BatchNormalization' for i in (3, 4)}
        for i, tensor in enumerate(model.graph.initializer):
            value = torch.from_numpy(numpy_helper.to_array(tensor).copy())
            if value.is_floating_point() and value.numel() > 1 and tensor.name not in statistics:
                key = f'p{i}'
                self.params[key] = nn.Parameter(value)
                self.param_keys[tensor.name] = key
            else:
                self.constants[tensor.name] = value

    def named_onnx_parameters(self):
        return [(name, self.params[key]) for name, key in self.param_keys.items()]

    def value(self, values, name):
        if name in self.param_keys:
            return self.params[self.param_keys[name]]
        if name in self.constants:
            return self.constants[name]
        return values[name]

    def forward(self, x):
        import torch.nn.functional as F
        from onnx import helper
        values = {self.input_name: x}
        for node in self.nodes:
            ins = [self.value(values, n) for n in node.input]
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            op = node.op_type
            if op == 'Conv':
                w = ins[1]
                strides = attrs.get('strides', [1, 1])
                k = list(w.shape[2:])
                inp = ins[0]
                if attrs.get('auto_pad', b'NOTSET') == b'SAME_UPPER':
                    pads = []
                    for dim, (size, stride, kk) in enumerate(zip(inp.shape[2:], strides, k)):
                        total = max((math.ceil(size / stride) - 1) * stride + kk - size, 0)
                        pads.append((total // 2, total - total // 2))
                    inp = F.pad(inp, [p for pair in reversed(pads) for p in pair])
                    padding = 0
                else:
                    p = attrs.get('pads', [0] * (2 * len(k)))
                    assert p[:len(k)] == p[len(k):], 'asymmetric pads'
                    padding = p[:len(k)]
                out = F.conv2d(inp, w, ins[2] if len(ins) > 2 else None, stride=strides, padding=padding,
                               groups=attrs.get('group', 1))
            elif op == 'BatchNormalization':
                out = F.batch_norm(ins[0], ins[3], ins[4], ins[1], ins[2], False, 0.0, attrs.get('epsilon', 1e-5))
            elif op == 'Clip':
                out = torch.clamp(ins[0], float(ins[1]), float(ins[2]))
            elif op == 'Reshape':
                out = ins[0].reshape([int(d) for d in ins[1]])
            elif op == 'Transpose':
                out = ins[0].permute(attrs['perm'])
            elif op == 'Concat':
                out = torch.cat(ins, dim=attrs['axis'])
            elif op == 'Add':
                out = ins[0] + ins[1]
            elif op == 'GlobalAveragePool':
                out = ins[0].mean(dim=[2, 3], keepdim=True)
            elif op == 'Flatten':
                out = torch.flatten(ins[0], attrs.get('axis', 1))
            elif op == 'Gemm':
                b = ins[1].t() if attrs.get('transB', 0) else ins[1]
                out = torch.addmm(ins[2], ins[0], b)
            elif op == 'Identity':
                out = ins[0]
            else:
                raise SystemExit(f'{path}: operator {op} is not interpreted')
            values[node.output[0]] = out
        return values[self.output_name]


def bft_export(args):
    """A BFT network exported by butterflops itself (needs `npm run build` first), run in PyTorch."""
    import subprocess
    import tempfile

    def make():
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, 'model.onnx')
            subprocess.run(['node', os.path.join(ROOT, 'bin', 'butterflops.js'), 'export', *args, '--out', path],
                           check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            return OnnxGraphModule(path)
    return make


def vit_ti_16():
    """ViT-Ti/16 (Touvron et al. 2021's DeiT-Ti shape) in torchvision's VisionTransformer class."""
    return torchvision.models.vision_transformer.VisionTransformer(
        image_size=224, patch_size=16, num_layers=12, num_heads=3, hidden_dim=192, mlp_dim=768)


class TinyMixed(nn.Module):
    """A small network with the kinds the torchvision set lacks: grouped and transposed convs
    (grouped too), a product of two activations whose operands are the same tensor, a
    concatenation with a branch that reads the input. Exported (with its few weights) as
    test/fixtures/training-tiny-mixed.onnx."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.grouped = nn.Conv2d(16, 16, 3, padding=1, groups=4)
        self.up = nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1)
        self.up_grouped = nn.ConvTranspose2d(8, 8, 3, padding=1, groups=2)
        self.side = nn.Conv2d(3, 8, 1)
        self.mix = nn.Conv2d(16, 8, 1, bias=False)
        self.fc = nn.Linear(8 * 8, 10)

    def forward(self, x):
        y = torch.relu(self.bn(self.stem(x)))
        y = self.up_grouped(self.up(self.grouped(y)))
        y = self.mix(torch.cat([y, self.side(x)], dim=1))
        t = torch.flatten(nn.functional.adaptive_avg_pool2d(y, 8), 2)  # (N, 8, 64)
        scores = torch.matmul(t, t.transpose(1, 2))  # (N, 8, 8): both operands are t
        return self.fc(torch.flatten(scores, 1))


TINY_INPUT = (1, 3, 32, 32)


def torchvision_model(name):
    return lambda: getattr(torchvision.models, name)(weights=None)


def prefixes(*names):
    return lambda param: any(param == n or param.startswith(n + '.') for n in names)


def everything(_param):
    return True


def nothing(_param):
    return False


# (case id, model id, constructor, which parameters are FROZEN, description)
CASES = [
    ('resnet18/all', 'resnet18', torchvision_model('resnet18'), nothing, 'every parameter trains'),
    ('resnet18/fc', 'resnet18', torchvision_model('resnet18'), lambda p: not p.startswith('fc.'),
     'only fc trains'),
    ('resnet18/freeze-to-layer2', 'resnet18', torchvision_model('resnet18'),
     prefixes('conv1', 'bn1', 'layer1', 'layer2'), 'conv1, bn1, layer1, layer2 frozen'),
    ('resnet18/layer3.1-and-fc', 'resnet18', torchvision_model('resnet18'),
     lambda p: not (p.startswith('layer3.1.') or p.startswith('fc.')),
     'only layer3.1 (the second block of layer3) and fc train'),
    ('mobilenet_v2/all', 'mobilenet_v2', torchvision_model('mobilenet_v2'), nothing, 'every parameter trains'),
    ('mobilenet_v2/classifier', 'mobilenet_v2', torchvision_model('mobilenet_v2'),
     lambda p: not p.startswith('classifier.'), 'only the classifier trains'),
    ('mobilenet_v2/freeze-features.0-13', 'mobilenet_v2', torchvision_model('mobilenet_v2'),
     prefixes(*[f'features.{i}' for i in range(14)]), 'features.0 … features.13 frozen'),
    ('mobilenet_v3_small/all', 'mobilenet_v3_small', torchvision_model('mobilenet_v3_small'), nothing,
     'every parameter trains'),
    ('shufflenet_v2_x1_0/freeze-to-stage3', 'shufflenet_v2_x1_0', torchvision_model('shufflenet_v2_x1_0'),
     prefixes('conv1', 'stage2', 'stage3'), 'conv1, stage2, stage3 frozen (concatenations with a frozen branch)'),
    ('vit_ti_16/all', 'vit_ti_16', vit_ti_16, nothing, 'every parameter trains'),
    ('vit_ti_16/heads', 'vit_ti_16', vit_ti_16, lambda p: not p.startswith('heads.'), 'only the head trains'),
    ('vit_ti_16/freeze-embedding-and-layers-0-5', 'vit_ti_16', vit_ti_16,
     lambda p: p in ('class_token', 'encoder.pos_embedding') or p.startswith('conv_proj.')
     or any(p.startswith(f'encoder.layers.encoder_layer_{i}.') for i in range(6)),
     'conv_proj, class_token, encoder.pos_embedding and encoder layers 0-5 frozen'),
    ('tiny-mixed/all', 'tiny-mixed', TinyMixed, nothing, 'every parameter trains'),
    ('tiny-mixed/freeze-stem', 'tiny-mixed', TinyMixed, prefixes('stem', 'bn', 'side'),
     'stem, its batch norm and the side branch frozen'),
    ('tiny-mixed/up-only', 'tiny-mixed', TinyMixed, lambda p: not p.startswith('up.'),
     'only the first transposed conv trains'),
    ('tiny-mixed/fc-only', 'tiny-mixed', TinyMixed, lambda p: not p.startswith('fc.'), 'only fc trains'),
    # Butterfly networks: butterflops' own exports (each factor a shuffle + grouped 1x1 conv).
    ('mobilenet-v1-bft2/all', 'mobilenet-v1 --fusion bft --base 2', bft_export(['mobilenet-v1', '--fusion', 'bft',
     '--base', '2']), nothing, 'every parameter trains'),
    ('mobilenet-v1-bft2/pointwise', 'mobilenet-v1 --fusion bft --base 2', bft_export(['mobilenet-v1', '--fusion', 'bft',
     '--base', '2']), lambda p: '/pointwise/' not in p,
     'only the butterflies train (the first one reads a tensor that needs no gradient)'),
    ('mobilenet-v1-bft2/freeze-to-block6', 'mobilenet-v1 --fusion bft --base 2', bft_export(['mobilenet-v1',
     '--fusion', 'bft', '--base', '2']), lambda p: p.split('/')[0] in ['conv1', 'batchnorm'] + [f'block{i}' for i in
                                                                                               range(1, 7)],
     'conv1, its batch norm and blocks 1-6 frozen'),
    ('mobilenet-v1-bft4-mixed/all', 'mobilenet-v1 --fusion bft --base 4 --log-mode mixed-radix',
     bft_export(['mobilenet-v1', '--fusion', 'bft', '--base', '4', '--log-mode', 'mixed-radix']), nothing,
     'every parameter trains'),
    ('mobilenet-v1-bft4-mixed/pointwise', 'mobilenet-v1 --fusion bft --base 4 --log-mode mixed-radix',
     bft_export(['mobilenet-v1', '--fusion', 'bft', '--base', '4', '--log-mode', 'mixed-radix']),
     lambda p: '/pointwise/' not in p, 'only the butterflies train'),
]


def run(case):
    case_id, model_id, make, frozen, description = case
    torch.manual_seed(SEED)
    model = make().eval()
    trainable = 0
    named = model.named_onnx_parameters() if isinstance(model, OnnxGraphModule) else model.named_parameters()
    for name, param in named:
        param.requires_grad_(not frozen(name))
        if param.requires_grad:
            trainable += param.numel()
    x = torch.randn(*(TINY_INPUT if model_id == 'tiny-mixed' else (1, 3, 224, 224)))
    counter = MacCounter()
    with counter:
        out = model(x)
        counter.phase = 'backward'
        if out.requires_grad:
            out.sum().backward()
    return case_id, {
        'model': model_id,
        'description': description,
        'frozen': sorted(n for n, p in (model.named_onnx_parameters() if isinstance(model, OnnxGraphModule)
                                        else model.named_parameters()) if frozen(n)),
        'forwardMacs': counter.macs['forward'],
        'backwardMacs': counter.macs['backward'],
        'convolutionBackward': counter.conv_backward,
        'trainableParams': trainable,
        'ops': dict(sorted(counter.ops.items())),
        'unrecognised': counter.unrecognised,
    }


def export_tiny_mixed():
    """The ONNX fixture of TinyMixed (opset 13, BN kept so parameter names survive)."""
    torch.manual_seed(SEED)
    model = TinyMixed().eval()
    with torch.no_grad():
        for p in model.parameters():  # distinct values: the exporter merges equal tensors
            p.add_(0.01 * torch.randn_like(p))
    path = os.path.join(ROOT, 'test', 'fixtures', 'training-tiny-mixed.onnx')
    torch.onnx.export(model, torch.randn(*TINY_INPUT), path, opset_version=13, input_names=['input'],
                      output_names=['output'], training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False)


class ElementwiseFlopCounter(TorchDispatchMode):
    """FLOPs of an optimizer step's element-wise updates: one per multiply, add, divide or square
    root of a tensor element; `add`/`add_` with an `alpha` other than 1 also multiplies (2), and
    `addcmul_`/`addcdiv_` multiply by their `value` unless it is 1 (3, else 2). Tensors of one
    element (the step counter, bias corrections) are left out: they are per tensor, not per
    parameter."""

    PER_ELEMENT = {aten.mul: 1, aten.sqrt: 1, aten.div: 1}

    def __init__(self):
        super().__init__()
        self.flops = 0
        self.ops = {}

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        packet = func.overloadpacket
        elements = out.numel() if isinstance(out, torch.Tensor) else 0
        if elements <= 1:
            return out
        name = str(packet).split('.')[-1].rstrip('_')
        if name in ('mul', 'sqrt', 'div'):
            flops = elements
        elif name == 'add':
            flops = elements * (1 if kwargs.get('alpha', 1) == 1 else 2)
        elif name in ('addcmul', 'addcdiv'):
            flops = elements * (2 if kwargs.get('value', 1) == 1 else 3)
        else:
            return out
        self.flops += flops
        self.ops[name] = self.ops.get(name, 0) + flops
        return out


def optimizer_steps():
    """FLOPs of the second step (the first clones momentum buffers) of SGD, SGD with momentum and
    Adam on ResNet-18 with only fc trainable (513,000 parameters), torch 1.13's single-tensor
    implementations (foreach=False)."""
    results = {}
    for name, make in [('sgd', lambda ps: torch.optim.SGD(ps, lr=0.1, foreach=False)),
                       ('sgd-momentum', lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, foreach=False)),
                       ('adam', lambda ps: torch.optim.Adam(ps, lr=1e-3, foreach=False))]:
        torch.manual_seed(SEED)
        model = torchvision.models.resnet18(weights=None).eval()
        for n, p in model.named_parameters():
            p.requires_grad_(n.startswith('fc.'))
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = make(params)
        for step in range(2):
            optimizer.zero_grad()
            model(torch.randn(1, 3, 224, 224)).sum().backward()
            counter = ElementwiseFlopCounter()
            with counter:
                optimizer.step()
        results[name] = {'params': sum(p.numel() for p in params), 'flops': counter.flops,
                         'ops': dict(sorted(counter.ops.items()))}
        print(f"optimizer {name}: {counter.flops:,} FLOPs {counter.ops}", file=sys.stderr)
    return results


def main():
    torch.set_num_threads(1)
    export_tiny_mixed()
    results = {}
    for case in CASES:
        case_id, result = run(case)
        # The frozen list is long; keep only its size and the first names in the fixture.
        frozen = result.pop('frozen')
        result['frozenTensors'] = len(frozen)
        results[case_id] = result
        print(f"{case_id}: forward {result['forwardMacs']:,} backward {result['backwardMacs']:,}"
              f" unrecognised {result['unrecognised']}", file=sys.stderr)
    document = {
        'about': 'MACs PyTorch executes in one forward and one backward pass (batch 1, 224x224), '
                 'summed from operator shapes under TorchDispatchMode; made by scripts/measure-training-macs.py',
        'versions': {'python': platform.python_version(), 'torch': torch.__version__,
                     'torchvision': torchvision.__version__},
        'cases': results,
        'optimizerSteps': optimizer_steps(),
    }
    with open(OUT_PATH, 'w') as f:
        json.dump(document, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
