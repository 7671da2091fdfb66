#!/usr/bin/python3
"""Make the graph-only ONNX fixtures of issue 21 (detection pipelines, untrained exports, a tied
head) and their PyTorch oracles.

NOT run by CI. The files it writes are committed; re-run it only to regenerate them.
Needs Debian's torch 1.13 / torchvision 0.14 / onnx 1.12 under /usr/bin/python3 (see
scripts/make-onnx-fixtures.py). Every model is built with weights=None and NOT perturbed: these
are the untrained exports an architecture designer counts, where torch's exporter merges
equal-valued tensors (zero biases, unit scales).

    /usr/bin/python3 scripts/make-graph-fixtures.py [--only name,name]

Writes test/fixtures/onnx-graph/<name>.onnx (weight data stripped: float initializers of more
than one element keep name, type and dims only) and test/fixtures/onnx-graph/expected.json:
per model sum(p.numel()), BN channels (γ elements; folding turns γ+β into one conv bias), and
forward-hook MACs per Conv2d / Linear module (calls, output rows of a Linear per call), from
one forward pass on the same input as the export.
"""

import argparse
import collections
import json
import os
import sys

import torch
import torch.nn as nn
import torchvision
import onnx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT_DIR = os.path.join(ROOT, 'test', 'fixtures', 'onnx-graph')
SEED = 20261206
FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE, onnx.TensorProto.FLOAT16,
               onnx.TensorProto.BFLOAT16}


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 8, 3, padding=1)
        self.cls = nn.Conv2d(8, 3, 1)

    def forward(self, x):
        return self.cls(torch.relu(self.conv(x)))


class TiedHead(nn.Module):
    """One RPN-like head (conv + classifier) applied to three feature levels with one set of weights."""

    def __init__(self):
        super().__init__()
        self.body = nn.Conv2d(3, 8, 3, padding=1)
        self.down = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.head = Head()

    def forward(self, x):
        a = self.body(x)
        b = self.down(a)
        c = self.down(b)
        return [self.head(t) for t in (a, b, c)]


def image(shape):
    g = torch.Generator().manual_seed(SEED + 1)
    return torch.rand(shape, generator=g)


# name -> (builder, example input, opset, input names)
def models():
    tv = torchvision.models
    det = torchvision.models.detection
    return collections.OrderedDict([
        ('tied_head', (lambda: TiedHead(), lambda: (image((1, 3, 32, 32)),), 13, ['input'])),
        ('mobilenet_v3_small_untrained', (lambda: tv.mobilenet_v3_small(weights=None),
                                          lambda: (image((1, 3, 224, 224)),), 13, ['input'])),
        ('vit_b_32_untrained', (lambda: tv.vit_b_32(weights=None), lambda: (image((1, 3, 224, 224)),), 17,
                                ['input'])),
        ('swin_t_untrained', (lambda: tv.swin_t(weights=None), lambda: (image((1, 3, 224, 224)),), 17, ['input'])),
        ('ssdlite320_mobilenet_v3_large', (lambda: det.ssdlite320_mobilenet_v3_large(weights=None,
                                                                                      weights_backbone=None),
                                           lambda: ([image((3, 320, 320))],), 13, ['images'])),
        ('fasterrcnn_mobilenet_v3_large_320_fpn', (lambda: det.fasterrcnn_mobilenet_v3_large_320_fpn(
            weights=None, weights_backbone=None), lambda: ([image((3, 320, 320))],), 13, ['images'])),
        ('raft_small', (lambda: torchvision.models.optical_flow.raft_small(weights=None),
                        lambda: (image((1, 3, 128, 128)), image((1, 3, 128, 128)).flip(-1)), 16,
                        ['image1', 'image2'])),
    ])


def hook_macs(model, args):
    """Per Conv2d / Linear module: summed MACs over its calls (out elements × C_in/groups × kernel;
    rows × in × out), the number of calls and a Linear's output rows per call."""
    found = collections.OrderedDict()
    handles = []

    def hook(name):
        def h(mod, inp, out):
            rec = found.setdefault(name, dict(type=type(mod).__name__, macs=0, calls=0, rows=[]))
            rec['calls'] += 1
            if isinstance(mod, nn.Conv2d):
                kh, kw = mod.kernel_size
                rec['macs'] += out.numel() * (mod.in_channels // mod.groups) * kh * kw
            else:
                rows = out.numel() // mod.out_features
                rec['rows'].append(rows)
                rec['macs'] += rows * mod.in_features * mod.out_features
        return h

    for name, mod in model.named_modules():
        if type(mod) in (nn.Conv2d, nn.Linear):
            handles.append(mod.register_forward_hook(hook(name)))
        elif isinstance(mod, (nn.Conv1d, nn.Conv3d, nn.ConvTranspose2d)):
            raise RuntimeError('unexpected MAC-bearing module %s' % name)
    with torch.no_grad():
        model(*args)
    for h in handles:
        h.remove()
    return found


# Swin's attention calls F.linear on its nn.Linear weights (torchvision's shifted_window_attention):
# forward hooks miss those products, so its MACs are not recorded here either.
HOOKS_INCOMPLETE = {'swin_t_untrained'}


def has_attention(model):
    # nn.MultiheadAttention's projections are no nn.Linear calls (F.multi_head_attention_forward):
    # the hooks above would miss them, so such models get params only (their MACs are checked by
    # test/onnx/transformer-fixtures.test.ts on the perturbed exports).
    return any(isinstance(m, nn.MultiheadAttention) for m in model.modules())


def strip(m):
    n = 0
    for t in m.graph.initializer:
        count = 1
        for d in t.dims:
            count *= d
        if t.data_type in FLOAT_TYPES and count > 1:
            for fld in ('raw_data', 'float_data', 'double_data', 'int32_data'):
                t.ClearField(fld)
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--only')
    args = ap.parse_args()
    torch.set_num_threads(1)
    table = models()
    names = list(table) if not args.only else args.only.split(',')
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, 'expected.json')
    expected = json.load(open(path)) if os.path.exists(path) else dict(models={})
    for name in names:
        build, example, opset, input_names = table[name]
        torch.manual_seed(SEED)
        model = build().eval()
        x = example()
        params = sum(p.numel() for p in model.parameters())
        bn = sum(m.weight.numel() for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm))
        onnx_path = os.path.join(OUT_DIR, name + '.onnx')
        torch.onnx.export(model, x, onnx_path, opset_version=opset, input_names=input_names,
                          do_constant_folding=True, training=torch.onnx.TrainingMode.EVAL)
        m = onnx.load(onnx_path)
        stripped = strip(m)
        m.doc_string = 'butterflops fixture %s (torchvision %s, weights=None, untouched); graph only, made by scripts/make-graph-fixtures.py' % (name, torchvision.__version__)
        onnx.save(m, onnx_path)
        macs = {} if has_attention(model) or name in HOOKS_INCOMPLETE else hook_macs(model, x)
        expected['models'][name] = dict(
            opset=opset, params=params, bn_channels=bn, stripped_tensors=stripped,
            bytes=os.path.getsize(onnx_path),
            hook_macs_total=sum(r['macs'] for r in macs.values()) if macs else None,
            modules=macs)
        print(name, params, expected['models'][name]['hook_macs_total'], os.path.getsize(onnx_path), flush=True)
    expected['versions'] = dict(torch=torch.__version__, torchvision=torchvision.__version__, onnx=onnx.__version__)
    expected['seed'] = SEED
    with open(path, 'w') as fh:
        json.dump(expected, fh, indent=1)
        fh.write('\n')


if __name__ == '__main__':
    sys.exit(main())
