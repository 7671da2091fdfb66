#!/usr/bin/python3
"""Make the transformer ONNX fixtures (issue 17) and their PyTorch oracles.

NOT run by CI; the files it writes are committed. Needs Debian's python3-torch (1.13),
python3-torchvision (0.14), python3-onnx (1.12), run with /usr/bin/python3 from the repository root:

    /usr/bin/python3 scripts/make-transformer-fixtures.py            # all models
    /usr/bin/python3 scripts/make-transformer-fixtures.py --only vit_ti_16

Models are built with weights=None (nothing downloaded), seeded and perturbed exactly as in
scripts/make-onnx-fixtures.py (whose helpers this script imports), exported with
torch.onnx.export(opset 17, input 1x3x224x224, BN folding as there) and stripped to graph-only
files (`empty-initializers`: every initializer keeps its name, type and dims, weight-like ones lose
their data). Oracles, per model, in test/fixtures/onnx-transformers/expected.json:
- macs: torch.profiler(with_flops=True) FLOPs of aten::conv2d + aten::addmm + aten::mm + aten::bmm
  summed over key_averages(), / 2 (torchvision's published "GFLOPS" are these MACs);
- params: sum(p.numel() for p in model.parameters());
- by_op: the profiler FLOPs per aten op, and the export's op types.
"""
import argparse
import importlib.util
import json
import os
import sys

import torch
import torchvision
from torchvision.models.vision_transformer import VisionTransformer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT_DIR = os.path.join(ROOT, 'test', 'fixtures', 'onnx-transformers')
spec = importlib.util.spec_from_file_location('fixtures', os.path.join(ROOT, 'scripts', 'make-onnx-fixtures.py'))
base = importlib.util.module_from_spec(spec)
spec.loader.exec_module(base)

OPSET = 17
MAC_OPS = ('aten::conv2d', 'aten::addmm', 'aten::mm', 'aten::bmm')


def vit(layers, heads, hidden, mlp):
    return lambda: VisionTransformer(image_size=224, patch_size=16, num_layers=layers, num_heads=heads,
                                     hidden_dim=hidden, mlp_dim=mlp)


MODELS = {
    'vit_ti_16': vit(12, 3, 192, 768),
    'vit_s_16': vit(12, 6, 384, 1536),
    'vit_b_16': lambda: torchvision.models.vit_b_16(weights=None),
    'swin_t': lambda: torchvision.models.swin_t(weights=None),
    'convnext_tiny': lambda: torchvision.models.convnext_tiny(weights=None),
}


# models also exported without constant folding
UNFOLDED = ('swin_t',)


def build(name):
    torch.manual_seed(base.SEED)
    model = MODELS[name]()
    g = torch.Generator().manual_seed(base.SEED + 1)
    with torch.no_grad():
        for _, p in model.named_parameters():
            p.add_(torch.randn(p.shape, generator=g) * 0.01)
    model.eval()
    return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--only')
    args = ap.parse_args()
    torch.set_num_threads(1)
    names = args.only.split(',') if args.only else list(MODELS)
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, 'expected.json')
    expected = base.load_json(path) if os.path.exists(path) else None
    expected = expected or dict(models={})
    expected.update(generator='scripts/make-transformer-fixtures.py', versions=base.versions(),
                    input_shape=list(base.INPUT_SHAPE), opset=OPSET,
                    conventions=dict(
                        macs='torch.profiler with_flops: (aten::conv2d + aten::addmm + aten::mm + aten::bmm) FLOPs / 2',
                        params='sum(p.numel() for p in model.parameters())'))
    for name in names:
        print('==', name, flush=True)
        model = build(name)
        x = base.image()
        prof = base.profiler_flops(model, x)
        flops = sum(prof['by_op'].get(op, 0) for op in MAC_OPS)
        assert flops % 2 == 0
        params = sum(p.numel() for p in model.parameters())
        fname = name + '.onnx'
        info = base.make_file(fname, model, x, dict(bn='folded', form='empty-initializers', opset=OPSET, model=name))
        os.replace(os.path.join(base.OUT_DIR, fname), os.path.join(OUT_DIR, fname))
        entry = dict(macs=flops // 2, params=params, profiler_flops_by_op=prof['by_op'],
                     file=fname, bytes=info['bytes'], op_types=info.get('op_types'))
        if name in UNFOLDED:
            # do_constant_folding=False (make_file's bn='kept' form; these models have no BN): the
            # Gather of Swin's relative-position bias table stays in the graph instead of being
            # folded into its [1, heads, 49, 49] expansion.
            uname = name + '.unfolded.onnx'
            uinfo = base.make_file(uname, model, x, dict(bn='kept', form='empty-initializers', opset=OPSET, model=name))
            os.replace(os.path.join(base.OUT_DIR, uname), os.path.join(OUT_DIR, uname))
            entry['unfolded_file'] = uname
            entry['unfolded_bytes'] = uinfo['bytes']
        expected['models'][name] = entry
        print('   macs', flops // 2, 'params', params, 'bytes', info['bytes'], flush=True)
        base.write_json(path, expected)


if __name__ == '__main__':
    main()
