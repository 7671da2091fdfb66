#!/usr/bin/python3
"""Measure what fvcore, ptflops, thop and torch.profiler print for the torchvision models.

NOT run by CI. Its output, test/conventions/counter-totals.json, is committed and is the oracle
of test/conventions/torchvision-totals.test.ts: every `--convention` preset's `total.reported`
must equal the number measured here.

The tools are not pip-installed: each is run from its public source at a pinned commit (a git
snapshot extracted to a folder given on the command line), against Debian bookworm's
python3-torch 1.13 and python3-torchvision 0.14 (no network; `weights=None`, eval mode,
one 3x224x224 image):

    fvcore  0.1.6         facebookresearch/fvcore @ 3378afe0d71dc2aa95e358bc78dc9b67cb48825a
    ptflops 0.7.5         sovrasov/flops-counter.pytorch tag v0.7.5 (3c5c3e3fdd551c15d26e3d9a858fd33ad1d0a4fc)
    thop    0.1.1         Lyken17/pytorch-OpCounter @ 43c064afb71383501e41eaef9e8c8407265cf77f
                          (PyPI thop 0.1.1.post2209072238)

Prepare the sources (any folder):

    git -C <fvcore clone> archive 3378afe fvcore | tar x -C /tmp/conv-tools
    git -C <ptflops clone> archive v0.7.5 ptflops | tar x -C /tmp/conv-tools
    git -C <thop clone> archive 43c064a thop | tar x -C /tmp/conv-tools

Run from the repository root:

    /usr/bin/python3 scripts/measure-counter-totals.py /tmp/conv-tools > test/conventions/counter-totals.json
    /usr/bin/python3 scripts/measure-counter-totals.py /tmp/conv-tools transformers \
        > test/conventions/transformer-counter-totals.json

The second form measures the transformer models instead: token-net (test/conventions/
transformer-hand-counts.test.ts, input 3x8x8: every PyTorch form of attention, LayerNorm, GELU and
softmax the presets tell apart) and torchvision's vit_b_16, swin_t and convnext_tiny at 224x224.

Only `fvcore.nn.flop_count` (and what it imports) is loaded, without fvcore's package
`__init__` files; `iopath` and `termcolor` (imported by fvcore/common/checkpoint.py, not in Debian,
never called while counting) are replaced by empty stand-in modules. Nothing of the tools'
counting code is changed.
"""

import collections
import contextlib
import io
import json
import platform
import sys
import types

import torch
import torchvision

MODELS = [
    'mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small',
    'shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0',
    'resnet18', 'resnet50', 'forms-net',
]
TRANSFORMER_MODELS = ['token-net', 'vit_b_16', 'swin_t', 'convnext_tiny']
IMAGE_SHAPE = (1, 3, 224, 224)
FORMS_SHAPE = (1, 3, 8, 8)


class FormsNet(torch.nn.Module):
    """The network of test/conventions/hand-counts.test.ts, written with each PyTorch form
    (module / functional / x.mean, a + b / a += b / torch.add, gate * x / x * gate / x *= gate /
    torch.mul), input 3x8x8."""

    def __init__(self):
        super().__init__()
        nn = torch.nn
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=True)
        self.bn = nn.BatchNorm2d(8)
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(2, 2)
        self.pw = nn.Conv2d(8, 8, 1, bias=False)
        self.relu6 = nn.ReLU6()
        self.dw = nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False)
        self.hswish = nn.Hardswish()
        self.se_pool = nn.AdaptiveAvgPool2d(1)
        self.se_fc1 = nn.Conv2d(8, 4, 1, bias=True)
        self.se_relu = nn.ReLU()
        self.se_fc2 = nn.Conv2d(4, 8, 1, bias=True)
        self.hsigmoid = nn.Hardsigmoid()
        self.sigmoid = nn.Sigmoid()
        self.hsigmoid2 = nn.Hardsigmoid()
        self.maxgate = nn.AdaptiveMaxPool2d(1)
        self.avgpool = nn.AvgPool2d(2, 2)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        F = torch.nn.functional
        x = self.maxpool(self.relu(self.bn(self.conv1(x))))
        x = x + self.relu6(self.pw(x))
        y = self.hswish(self.dw(x))
        y += x
        x = y
        x = torch.add(x, F.relu(x))
        x = self.hsigmoid(self.se_fc2(self.se_relu(self.se_fc1(self.se_pool(x))))) * x
        x = x * self.sigmoid(F.adaptive_avg_pool2d(x, 1))
        gate = self.hsigmoid2(x.mean([2, 3], keepdim=True))
        x *= gate
        x = torch.mul(x, self.maxgate(x))
        x = F.max_pool2d(self.avgpool(x), 2, 2)
        return self.fc(torch.flatten(x, 1))


class TokenNet(torch.nn.Module):
    """The network of test/conventions/transformer-hand-counts.test.ts, input 3x8x8: a 4x4 patch
    embedding to 4 tokens of width 16 plus a class token (T = 5), then
    A. nn.LayerNorm, nn.MultiheadAttention (2 heads, batch_first), residual a + b;
    B. nn.LayerNorm, nn.Linear 16->32, nn.GELU, nn.Linear 32->16, residual;
    C. F.layer_norm, nn.Linear qkv 16->48, q * scale, q @ k^T, F.softmax, attn @ v, nn.Linear 16->16;
    D. nn.LayerNorm, nn.Linear qkv 16->48, torch.matmul(q, k^T), nn.Softmax, torch.einsum with v,
       nn.Linear 16->16;
    E. nn.Linear 16->32, F.gelu, nn.Linear 32->16;
    then nn.LayerNorm, the class token, nn.Linear 16->10."""

    def __init__(self):
        super().__init__()
        nn = torch.nn
        self.patch = nn.Conv2d(3, 16, 4, stride=4)
        self.cls = nn.Parameter(torch.zeros(1, 1, 16))
        self.pos = nn.Parameter(torch.zeros(1, 5, 16))
        self.ln_a = nn.LayerNorm(16)
        self.mha = nn.MultiheadAttention(16, 2, batch_first=True)
        self.ln_b = nn.LayerNorm(16)
        self.fc1 = nn.Linear(16, 32)
        self.gelu = nn.GELU()
        self.fc2 = nn.Linear(32, 16)
        self.ln_c_weight = nn.Parameter(torch.ones(16))
        self.ln_c_bias = nn.Parameter(torch.zeros(16))
        self.qkv_c = nn.Linear(16, 48)
        self.proj_c = nn.Linear(16, 16)
        self.ln_d = nn.LayerNorm(16)
        self.qkv_d = nn.Linear(16, 48)
        self.softmax_d = nn.Softmax(dim=-1)
        self.proj_d = nn.Linear(16, 16)
        self.fc3 = nn.Linear(16, 32)
        self.fc4 = nn.Linear(32, 16)
        self.ln_out = nn.LayerNorm(16)
        self.head = nn.Linear(16, 10)

    @staticmethod
    def heads(qkv):
        q, k, v = qkv.reshape(1, 5, 3, 2, 8).permute(2, 0, 3, 1, 4)
        return q, k, v

    def forward(self, x):
        F = torch.nn.functional
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls, x], dim=1)
        x = x + self.pos
        y = self.ln_a(x)
        x = x + self.mha(y, y, y, need_weights=False)[0]
        x = x + self.fc2(self.gelu(self.fc1(self.ln_b(x))))
        q, k, v = self.heads(self.qkv_c(F.layer_norm(x, (16,), self.ln_c_weight, self.ln_c_bias)))
        q = q * 8 ** -0.5
        attn = F.softmax(q @ k.transpose(-2, -1), dim=-1)
        x = x + self.proj_c((attn @ v).transpose(1, 2).reshape(1, 5, 16))
        q, k, v = self.heads(self.qkv_d(self.ln_d(x)))
        attn = self.softmax_d(torch.matmul(q, k.transpose(-2, -1)))
        x = x + self.proj_d(torch.einsum('bhij,bhjd->bhid', attn, v).transpose(1, 2).reshape(1, 5, 16))
        x = x + self.fc4(F.gelu(self.fc3(x)))
        return self.head(self.ln_out(x)[:, 0])


def model(name):
    torch.manual_seed(0)
    if name == 'forms-net':
        return FormsNet().eval()
    if name == 'token-net':
        return TokenNet().eval()
    net = getattr(torchvision.models, name)(weights=None)
    return net.eval()


def load_tools(folder):
    sys.path.insert(0, folder)
    # Stand-ins for iopath and termcolor, which fvcore/common/checkpoint.py imports (jit_analysis
    # takes one helper from it); none of them is called while counting.
    for mod in ['iopath', 'iopath.common', 'iopath.common.file_io', 'termcolor']:
        sys.modules[mod] = types.ModuleType(mod)
    sys.modules['iopath.common.file_io'].HTTPURLHandler = object
    sys.modules['iopath.common.file_io'].PathManager = object
    sys.modules['termcolor'].colored = lambda text, *args, **kwargs: text
    # fvcore/nn/__init__.py imports every fvcore.nn module (some need tabulate, yacs): load the
    # package without it and import only flop_count.
    for mod, path in [('fvcore', 'fvcore'), ('fvcore.nn', 'fvcore/nn')]:
        package = types.ModuleType(mod)
        package.__path__ = [folder + '/' + path]
        sys.modules[mod] = package
    from fvcore.nn.flop_count import FlopCountAnalysis  # noqa: E402
    from ptflops import get_model_complexity_info  # noqa: E402
    import thop  # noqa: E402
    return FlopCountAnalysis, get_model_complexity_info, thop


def profiler_flops(name, shape):
    net = model(name)
    x = torch.zeros(shape)
    with torch.no_grad(), torch.profiler.profile(with_flops=True) as prof:
        net(x)
    by_op = collections.Counter()
    for event in prof.events():
        if event.flops:
            by_op[event.name] += event.flops
    return sum(by_op.values()), dict(sorted(by_op.items()))


def main():
    FlopCountAnalysis, get_model_complexity_info, thop = load_tools(sys.argv[1])
    transformers = len(sys.argv) > 2 and sys.argv[2] == 'transformers'
    models = TRANSFORMER_MODELS if transformers else MODELS
    out = {
        'about': 'Totals printed by each tool for torchvision models (weights=None, eval, 1x3x224x224) and for '
                 'forms-net (test/conventions/hand-counts.test.ts, 1x3x8x8); '
                 'made by scripts/measure-counter-totals.py',
        'versions': {
            'torch': torch.__version__, 'torchvision': torchvision.__version__, 'python': platform.python_version(),
            'fvcore': '0.1.6 (3378afe0d71dc2aa95e358bc78dc9b67cb48825a)',
            'ptflops': '0.7.5 (v0.7.5, 3c5c3e3fdd551c15d26e3d9a858fd33ad1d0a4fc)',
            'thop': '0.1.1 (43c064afb71383501e41eaef9e8c8407265cf77f)',
        },
        'units': {'fvcore': 'MAC', 'ptflops': 'MAC', 'ptflops-modules': 'MAC', 'ptflops-aten': 'MAC', 'thop': 'MAC', 'torch-profiler': 'FLOP'},
        'models': {},
    }
    if transformers:
        out['about'] = ('Totals printed by each tool for token-net (test/conventions/transformer-hand-counts.test.ts, '
                        '1x3x8x8) and torchvision vit_b_16, swin_t, convnext_tiny (weights=None, eval, 1x3x224x224); made by '
                        'scripts/measure-counter-totals.py with the argument transformers')
    for name in models:
        shape = FORMS_SHAPE if name in ('forms-net', 'token-net') else IMAGE_SHAPE
        entry = {}
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            analysis = FlopCountAnalysis(model(name), (torch.zeros(shape),))
            analysis.unsupported_ops_warnings(False).uncalled_modules_warnings(False)
            entry['fvcore'] = int(analysis.total())
            entry['fvcore_by_operator'] = {k: int(v) for k, v in sorted(analysis.by_operator().items())}
            entry['fvcore_unsupported'] = dict(sorted(analysis.unsupported_ops().items()))
            macs, _ = get_model_complexity_info(model(name), shape[1:], as_strings=False, print_per_layer_stat=False)
            # None: ptflops printed an exception and returned (None, None) (torchvision's ViT calls
            # nn.MultiheadAttention with keyword arguments; its hook unpacks the positional ones).
            entry['ptflops'] = None if macs is None else int(macs)
            macs, _ = get_model_complexity_info(model(name), shape[1:], as_strings=False, print_per_layer_stat=False,
                                                backend_specific_config={'count_functional': False})
            entry['ptflops-modules'] = None if macs is None else int(macs)
            try:
                macs, _ = get_model_complexity_info(model(name), shape[1:], as_strings=False, print_per_layer_stat=False,
                                                    backend='aten')
                entry['ptflops-aten'] = None if macs is None else int(macs)
            except Exception as error:  # the aten backend targets torch >= 2.0
                entry['ptflops-aten'] = None
                entry['ptflops-aten_error'] = repr(error)
            ops, _ = thop.profile(model(name), inputs=(torch.zeros(shape),), verbose=False)
            entry['thop'] = ops
        total, by_op = profiler_flops(name, shape)
        entry['torch-profiler'] = int(total)
        entry['torch-profiler_by_op'] = by_op
        out['models'][name] = entry
        print(name, {k: v for k, v in entry.items() if not isinstance(v, dict)}, file=sys.stderr)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
