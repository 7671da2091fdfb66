#!/usr/bin/python3
"""PyTorch's own count of raft_small's MACs, batch included (issue 21): the oracle of the
per-layer batch multiplicity (`NetworkLayer.batch`).

NOT run by CI. Needs Debian's torch 1.13 / torchvision 0.14 under /usr/bin/python3. Run by hand
after scripts/make-graph-fixtures.py (same model, same 2 × 1×3×128×128 input, 12 flow updates):

    /usr/bin/python3 scripts/measure-raft-batch.py

RAFT's feature encoder runs once on both frames stacked along N (a batch of 2), the context
encoder and the 12 update steps on a batch of 1. This records, under models.raft_small.profiler
of test/fixtures/onnx-graph/expected.json:
- torch.profiler(with_flops=True) FLOPs per aten operator (2 per MAC for conv2d and bmm);
- forward-hook MACs of every Conv2d call with the call's actual batch, and the number of calls
  per batch size.
"""

import collections
import json
import os
import sys

import torch
import torch.nn as nn
import torchvision
from torch.profiler import ProfilerActivity, profile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
PATH = os.path.join(ROOT, 'test', 'fixtures', 'onnx-graph', 'expected.json')
SEED = 20261206  # scripts/make-graph-fixtures.py's


def image(shape):
    g = torch.Generator().manual_seed(SEED + 1)
    return torch.rand(shape, generator=g)


def main():
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    model = torchvision.models.optical_flow.raft_small(weights=None).eval()
    x1, x2 = image((1, 3, 128, 128)), image((1, 3, 128, 128)).flip(-1)
    hook_macs = 0
    calls = collections.Counter()

    def hook(mod, inp, out):
        nonlocal hook_macs
        kh, kw = mod.kernel_size
        hook_macs += out.numel() * (mod.in_channels // mod.groups) * kh * kw
        calls[str(out.shape[0])] += 1

    handles = [m.register_forward_hook(hook) for m in model.modules() if type(m) is nn.Conv2d]
    with torch.no_grad(), profile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
        model(x1, x2, num_flow_updates=12)
    for h in handles:
        h.remove()
    flops = collections.Counter()
    for event in prof.events():
        if event.flops:
            flops[event.name] += event.flops
    expected = json.load(open(PATH))
    expected['models']['raft_small']['profiler'] = dict(
        flops=dict(sorted(flops.items())), conv_hook_macs=hook_macs, conv_calls_by_batch=dict(sorted(calls.items())))
    with open(PATH, 'w') as fh:
        json.dump(expected, fh, indent=1)
        fh.write('\n')
    print(json.dumps(expected['models']['raft_small']['profiler']))


if __name__ == '__main__':
    sys.exit(main())
