#!/usr/bin/python3
"""Make the 3-D (video) ONNX fixtures and their PyTorch oracles (issue 21, item 1).

NOT run by CI. The files it writes are committed; re-run it only to regenerate them.
Needs Debian's torch 1.13 / torchvision 0.14 / onnx 1.12 under /usr/bin/python3 (see
scripts/make-onnx-fixtures.py, whose export and stripping helpers it reuses). Models are built with
``weights=None`` and seeded, perturbed weights; nothing is downloaded.

Run from the repository root:

    /usr/bin/python3 scripts/make-video-fixtures.py

It writes test/fixtures/onnx-video/*.onnx (graph-only: float initializers keep name, type and
dims, their data is dropped) and test/fixtures/onnx-video/expected.json: per model the clip
size, PyTorch's MACs from forward hooks (nn.Conv3d: output elements per sample x C_in/groups x
prod(kernel); nn.Linear: rows x in x out), sum(p.numel()) and the params of the BN-folded export.
"""

import collections
import importlib.util
import json
import os

import torch
import torch.nn as nn
import torchvision

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT_DIR = os.path.join(ROOT, 'test', 'fixtures', 'onnx-video')
SEED = 20260101

_spec = importlib.util.spec_from_file_location('fixtures', os.path.join(ROOT, 'scripts', 'make-onnx-fixtures.py'))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

# name -> (torchvision.models.video constructor, clip N x C x T x H x W, export forms)
# s3d's last AvgPool3d has a fixed (2, 7, 7) window: it needs T >= 16 and H, W >= 224.
MODELS = collections.OrderedDict([
    ('r3d_18', ('r3d_18', (1, 3, 8, 112, 112), ['folded', 'kept'])),
    ('mc3_18', ('mc3_18', (1, 3, 8, 112, 112), ['folded'])),
    ('r2plus1d_18', ('r2plus1d_18', (1, 3, 8, 112, 112), ['folded'])),
    ('s3d', ('s3d', (1, 3, 16, 224, 224), ['folded'])),
])


def build(ctor):
    torch.manual_seed(SEED)
    model = getattr(torchvision.models.video, ctor)(weights=None)
    g = torch.Generator().manual_seed(SEED + 1)
    with torch.no_grad():  # no two tensors equal: the exporter would merge them (see the other script)
        for _, p in model.named_parameters():
            p.add_(torch.randn(p.shape, generator=g) * 0.01)
        for bname, b in model.named_buffers():
            if not b.is_floating_point():
                continue
            if bname.endswith('running_var'):
                b.mul_(1 + 0.1 * torch.rand(b.shape, generator=g))
            else:
                b.add_(torch.randn(b.shape, generator=g) * 0.01)
    model.eval()
    return model


def hook_macs(model, x):
    layers = []
    handles = []

    def hook(mname):
        def h(mod, inp, out):
            n = out.shape[0]
            if isinstance(mod, nn.Linear):
                rows = out.numel() // n // mod.out_features
                macs = rows * mod.in_features * mod.out_features
                kind = 'Linear'
            else:
                k = 1
                for d in mod.kernel_size:
                    k *= d
                macs = (out.numel() // n) * (mod.in_channels // mod.groups) * k
                kind = 'Linear' if isinstance(mod, nn.Linear) else 'Conv3d'
            record = dict(name=mname, type=kind, macs=macs, out_shape=list(out.shape))
            if kind == 'Conv3d':
                record.update(in_channels=mod.in_channels, out_channels=mod.out_channels, groups=mod.groups,
                              kernel=list(mod.kernel_size), stride=list(mod.stride))
            layers.append(record)
        return h

    for mname, mod in model.named_modules():
        if isinstance(mod, (nn.Conv3d, nn.Linear)):  # torchvision subclasses Conv3d (Conv3DSimple, …)
            handles.append(mod.register_forward_hook(hook(mname)))
        elif isinstance(mod, (nn.Conv1d, nn.Conv2d, nn.ConvTranspose3d, nn.Bilinear)):
            raise RuntimeError('unexpected MAC-bearing module %s %s' % (mname, type(mod)))
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return layers


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    expected = dict(
        generator='scripts/make-video-fixtures.py',
        versions=fixtures.versions(),
        seed=SEED,
        conventions=dict(
            macs='forward hooks on nn.Conv3d (out_elements/N * C_in/groups * prod(kernel_size)) and '
                 'nn.Linear (rows * in_features * out_features), per sample; nothing else',
            params='sum(p.numel() for p in model.parameters())',
            params_bn_folded='params - BatchNorm3d weight elements (every BN follows a bias-free conv: '
                             'folding turns gamma and beta into one conv bias per channel)',
        ),
        models={},
    )
    for name, (ctor, clip, forms) in MODELS.items():
        print('==', name, flush=True)
        model = build(ctor)
        g = torch.Generator().manual_seed(SEED + 2)
        x = torch.randn(clip, generator=g)
        layers = hook_macs(model, x)
        by_kind = collections.Counter()
        for mod in model.modules():
            for pname, p in mod.named_parameters(recurse=False):
                by_kind['%s.%s' % (type(mod).__name__, pname)] += p.numel()
        params = sum(p.numel() for p in model.parameters())
        entry = dict(torchvision='video.' + ctor, clip=list(clip), macs=sum(l['macs'] for l in layers),
                     params=params, params_bn_folded=params - by_kind.get('BatchNorm3d.weight', 0),
                     params_by_kind=dict(sorted(by_kind.items())), files={}, layers=layers)
        for bn in forms:
            fname = '%s%s.onnx' % (name, '' if bn == 'folded' else '.bn-kept')
            m = fixtures.export(model, x, bn=bn)
            stats = fixtures.graph_stats(m)
            stripped = fixtures.strip_empty_initializers(m)
            m.doc_string = ('butterflops fixture %s: torchvision video.%s (weights=None, seeded), clip %s, '
                            'BN %s; made by scripts/make-video-fixtures.py' % (fname, ctor, 'x'.join(map(str, clip)), bn))
            path = os.path.join(OUT_DIR, fname)
            with open(path, 'wb') as fh:
                fh.write(m.SerializeToString())
            entry['files'][fname] = dict(bn=bn, opset=stats['opset'], bytes=os.path.getsize(path),
                                         stripped_tensors=stripped, checker=fixtures.check(m),
                                         float_initializer_elements=stats['float_initializer_elements'],
                                         op_types=stats['op_types'])
            print('   ', fname, os.path.getsize(path), 'bytes', entry['files'][fname]['checker'], flush=True)
        print('   macs', entry['macs'], 'params', params, flush=True)
        expected['models'][name] = entry
        fixtures.write_json(os.path.join(OUT_DIR, 'expected.json'), expected)


if __name__ == '__main__':
    main()
