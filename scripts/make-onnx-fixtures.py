#!/usr/bin/python3
"""Make the real-model ONNX fixtures and their PyTorch oracles.

NOT run by CI. The files it writes are committed; re-run it only to regenerate them.

Needs (Debian bookworm packages, no network; weights are never downloaded, every model is built
with ``weights=None`` and seeded random weights):

    apt-get install python3-torch python3-torchvision python3-onnx   # torch 1.13, tv 0.14, onnx 1.12

and Debian's interpreter, ``/usr/bin/python3`` (another ``python3`` on PATH cannot import torch).

Run from the repository root:

    /usr/bin/python3 scripts/make-onnx-fixtures.py                  # everything
    /usr/bin/python3 scripts/make-onnx-fixtures.py --only resnet18,mobilenet_v2
    /usr/bin/python3 scripts/make-onnx-fixtures.py --no-export      # oracles only

It writes
    test/fixtures/onnx/*.onnx          graph-only exports (weight data stripped, shapes kept)
    test/fixtures/onnx/expected.json   PyTorch oracles per model (MACs by hooks, params, profiler)
    test/fixtures/torch-op-counts.json per-module-type output elements / calls (forward hooks)
and, with --only, merges into the existing JSON files instead of replacing them.
See test/fixtures/onnx/README.md for what each file is.
"""

import argparse
import collections
import io
import json
import os
import platform
import sys

import torch
import torch.nn as nn
import torchvision
import onnx
from onnx import numpy_helper  # noqa: F401  (kept for interactive inspection)

SEED = 20260101
INPUT_SHAPE = (1, 3, 224, 224)
OPSET = 13

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT_DIR = os.path.join(ROOT, 'test', 'fixtures', 'onnx')
OP_COUNTS_PATH = os.path.join(ROOT, 'test', 'fixtures', 'torch-op-counts.json')

# name -> (constructor name, extra kwargs)
MODELS = collections.OrderedDict([
    ('mobilenet_v2', ('mobilenet_v2', {})),
    ('resnet18', ('resnet18', {})),
    ('shufflenet_v2_x1_0', ('shufflenet_v2_x1_0', {})),
    ('mobilenet_v3_large', ('mobilenet_v3_large', {})),
    ('mobilenet_v3_small', ('mobilenet_v3_small', {})),
    ('resnet50', ('resnet50', {})),
    ('shufflenet_v2_x0_5', ('shufflenet_v2_x0_5', {})),
    ('efficientnet_b0', ('efficientnet_b0', {})),
    ('mnasnet1_0', ('mnasnet1_0', {})),
    ('regnet_y_400mf', ('regnet_y_400mf', {})),
    ('squeezenet1_0', ('squeezenet1_0', {})),
    ('googlenet', ('googlenet', {'aux_logits': False, 'init_weights': False})),
    # profiler / op counts only, no ONNX file:
    ('shufflenet_v2_x1_5', ('shufflenet_v2_x1_5', {})),
    ('shufflenet_v2_x2_0', ('shufflenet_v2_x2_0', {})),
])

# Fixture files: (file name, model, export options)
#   bn:    'folded' = TrainingMode.EVAL + do_constant_folding=True (the exporter folds BN into Conv)
#          'kept'   = TrainingMode.PRESERVE on an eval-mode model + do_constant_folding=False
#   form:  how weight data is removed, see strip_*() below
#   dynamic: dynamic_axes on the image input (and the output batch)
FILES = [
    ('mobilenet_v2.onnx', 'mobilenet_v2', dict(bn='folded', form='empty-initializers')),
    ('mobilenet_v2.bn-kept.onnx', 'mobilenet_v2', dict(bn='kept', form='empty-initializers')),
    ('resnet18.onnx', 'resnet18', dict(bn='folded', form='empty-initializers')),
    ('shufflenet_v2_x1_0.onnx', 'shufflenet_v2_x1_0', dict(bn='folded', form='empty-initializers')),
    ('mobilenet_v3_large.onnx', 'mobilenet_v3_large', dict(bn='folded', form='empty-initializers')),
    ('mobilenet_v3_small.onnx', 'mobilenet_v3_small', dict(bn='folded', form='empty-initializers')),
    ('mobilenet_v3_small.graph-inputs.onnx', 'mobilenet_v3_small', dict(bn='folded', form='graph-inputs')),
    ('mobilenet_v3_small.external-data.onnx', 'mobilenet_v3_small', dict(bn='folded', form='external-data')),
    ('mobilenet_v3_small.export-params-false.onnx', 'mobilenet_v3_small',
     dict(bn='folded', form='export-params-false')),
    ('mobilenet_v3_small.opset17.onnx', 'mobilenet_v3_small', dict(bn='folded', form='empty-initializers', opset=17)),
    ('resnet50.onnx', 'resnet50', dict(bn='folded', form='empty-initializers')),
    ('shufflenet_v2_x0_5.onnx', 'shufflenet_v2_x0_5', dict(bn='folded', form='empty-initializers')),
    ('shufflenet_v2_x0_5.dynamic.onnx', 'shufflenet_v2_x0_5',
     dict(bn='folded', form='empty-initializers', dynamic=True)),
    ('efficientnet_b0.onnx', 'efficientnet_b0', dict(bn='folded', form='empty-initializers')),
    ('mnasnet1_0.onnx', 'mnasnet1_0', dict(bn='folded', form='empty-initializers')),
    ('regnet_y_400mf.onnx', 'regnet_y_400mf', dict(bn='folded', form='empty-initializers')),
    ('squeezenet1_0.onnx', 'squeezenet1_0', dict(bn='folded', form='empty-initializers')),
    ('googlenet.onnx', 'googlenet', dict(bn='folded', form='empty-initializers')),
]

# models that get an entry in torch-op-counts.json (issue 11's set)
OP_COUNT_MODELS = ['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small', 'shufflenet_v2_x0_5',
                   'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0', 'resnet18', 'resnet50']

FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE, onnx.TensorProto.FLOAT16,
               onnx.TensorProto.BFLOAT16}


# ----------------------------------------------------------------------------------------------
# model construction

def build(name):
    ctor, kwargs = MODELS[name]
    torch.manual_seed(SEED)
    model = getattr(torchvision.models, ctor)(weights=None, **kwargs)
    # Perturb every parameter and buffer (seeded) so that no two tensors are equal: torch 1.13's
    # exporter merges equal-valued initializers (fresh zero biases, BN 1/0) into one plus Identity
    # nodes. Running variances stay positive.
    g = torch.Generator().manual_seed(SEED + 1)
    with torch.no_grad():
        for pname, p in model.named_parameters():
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


def image(shape=INPUT_SHAPE):
    g = torch.Generator().manual_seed(SEED + 2)
    return torch.randn(shape, generator=g)


# other input sizes (H, W) for hook MACs: resolution formulas and the dynamic-shape fixture
OTHER_RESOLUTIONS = [(128, 128), (160, 160), (192, 192), (256, 256), (288, 288), (256, 192), (225, 225)]


# ----------------------------------------------------------------------------------------------
# oracles

def hook_macs(model, x):
    """Conv2d: out_elements * (C_in/groups) * kH * kW; Linear: in * out (per output row).
    Per sample (batch 1). The papers' convention: conv and FC multiply-adds only."""
    layers = []
    handles = []

    def conv_hook(mname):
        def h(mod, inp, out):
            n = out.shape[0]
            kh, kw = mod.kernel_size
            macs = (out.numel() // n) * (mod.in_channels // mod.groups) * kh * kw
            layers.append(dict(name=mname, type='Conv2d', macs=macs,
                               in_shape=list(inp[0].shape), out_shape=list(out.shape),
                               kernel=[kh, kw], stride=list(mod.stride), padding=list(mod.padding)
                               if not isinstance(mod.padding, str) else mod.padding,
                               dilation=list(mod.dilation), groups=mod.groups,
                               bias=mod.bias is not None,
                               params=sum(p.numel() for p in mod.parameters(recurse=False))))
        return h

    def linear_hook(mname):
        def h(mod, inp, out):
            n = out.shape[0]
            rows = out.numel() // n // mod.out_features
            macs = rows * mod.in_features * mod.out_features
            layers.append(dict(name=mname, type='Linear', macs=macs,
                               in_shape=list(inp[0].shape), out_shape=list(out.shape),
                               bias=mod.bias is not None,
                               params=sum(p.numel() for p in mod.parameters(recurse=False))))
        return h

    for mname, mod in model.named_modules():
        if type(mod) is nn.Conv2d:
            handles.append(mod.register_forward_hook(conv_hook(mname)))
        elif type(mod) is nn.Linear:
            handles.append(mod.register_forward_hook(linear_hook(mname)))
        elif isinstance(mod, (nn.Conv1d, nn.Conv3d, nn.ConvTranspose2d, nn.Bilinear)):
            raise RuntimeError('unexpected MAC-bearing module %s %s' % (mname, type(mod)))
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return layers


def param_counts(model):
    by_kind = collections.Counter()
    for mname, mod in model.named_modules():
        for pname, p in mod.named_parameters(recurse=False):
            by_kind['%s.%s' % (type(mod).__name__, pname)] += p.numel()
    bn_stats = 0
    bn_tracked = 0
    bn_layers = 0
    for mod in model.modules():
        if isinstance(mod, nn.modules.batchnorm._BatchNorm):
            bn_layers += 1
            if mod.running_mean is not None:
                bn_stats += mod.running_mean.numel() + mod.running_var.numel()
            if mod.num_batches_tracked is not None:
                bn_tracked += mod.num_batches_tracked.numel()
    return dict(
        params=sum(p.numel() for p in model.parameters()),
        params_by_kind=dict(sorted(by_kind.items())),
        bn_layers=bn_layers,
        bn_running_stats=bn_stats,
        bn_num_batches_tracked=bn_tracked,
    )


# aten ops whose call counts are recorded (key_averages counts; the allocation/copy ops nested inside
# kernels, e.g. aten::empty, aten::detach, aten::div_ under aten::mean, vary from run to run)
PROFILER_CALL_OPS = {'aten::' + n for n in (
    'conv2d', 'linear', 'addmm', 'mm', 'matmul', 'bmm', 'add', 'add_', 'sub', 'mul', 'mul_', 'div',
    'mean', 'sum', 'batch_norm', 'relu', 'relu_', 'hardtanh', 'hardtanh_', 'hardswish',
    'hardswish_', 'hardsigmoid', 'hardsigmoid_', 'sigmoid', 'sigmoid_', 'silu', 'silu_',
    'max_pool2d', 'avg_pool2d', 'adaptive_avg_pool2d', 'cat', 'flatten', 'transpose', 'chunk',
    'split', 'view', 'reshape', 'contiguous', 'dropout', 'dropout_')}


def profiler_flops(model, x):
    from torch.profiler import profile, ProfilerActivity
    with torch.no_grad():
        model(x)  # warm-up outside the profile
        with profile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
            model(x)
    events = prof.key_averages()
    total = 0
    by_op = {}
    calls = {}
    for e in events:
        f = int(e.flops or 0)
        total += f
        if f:
            by_op[e.key] = f
        if e.key in PROFILER_CALL_OPS or f:
            calls[e.key] = int(e.count)
    return dict(total=total,
                by_op=dict(sorted(by_op.items())),
                op_calls=dict(sorted(calls.items())))


def _func_name(func):
    name = getattr(func, '__name__', None) or repr(func)
    mod = getattr(func, '__module__', None) or ''
    qual = getattr(func, '__qualname__', None) or name
    if getattr(func, '__objclass__', None) is not None or qual.startswith(('_TensorBase.', 'Tensor.')):
        return 'Tensor.' + name  # Tensor methods and operators (method descriptors)
    if mod == 'torch._C._nn' or (mod == 'torch.nn.functional'):
        return 'torch.nn.functional.' + name  # F.linear is torch._C._nn.linear
    if mod.startswith('torch._C') or not mod or mod == 'torch':
        return 'torch.' + name  # torch.conv2d, torch.flatten, torch.cat ... (_VariableFunctions)
    return '%s.%s' % (mod, name)


def op_counts(model, x):
    """Forward hooks on every leaf module: per module type, calls and summed input/output
    elements; ReLU-like modules' inplace flags. Plus the Python-level torch function calls
    (TorchFunctionMode: torch.*, F.*, Tensor methods/operators; outermost calls only) with their
    output elements, split into calls made inside a leaf module's forward vs in model code."""
    from torch.overrides import TorchFunctionMode

    modules = collections.OrderedDict()
    inplace = collections.defaultdict(collections.Counter)
    state = {'depth': 0, 'hook': False}
    handles = []

    def numel(t):
        if isinstance(t, torch.Tensor):
            return t.numel()
        if isinstance(t, (list, tuple)):
            return sum(numel(u) for u in t)
        return 0

    def pre(mod, inp):
        state['depth'] += 1

    def post(mod, inp, out):
        state['depth'] -= 1
        state['hook'] = True  # our own numel() calls below are not the model's
        k = type(mod).__name__
        rec = modules.setdefault(k, dict(calls=0, in_elements=0, out_elements=0, instances=0))
        rec['calls'] += 1
        rec['in_elements'] += numel(inp[0]) if inp else 0
        rec['out_elements'] += numel(out)
        state['hook'] = False

    for mname, mod in model.named_modules():
        if (len(list(mod.children())) == 0 and mname != ''
                and not isinstance(mod, (nn.Sequential, nn.ModuleList, nn.ModuleDict))):
            handles.append(mod.register_forward_pre_hook(pre))
            handles.append(mod.register_forward_hook(post))
            k = type(mod).__name__
            modules.setdefault(k, dict(calls=0, in_elements=0, out_elements=0, instances=0))
            modules[k]['instances'] += 1
            if hasattr(mod, 'inplace'):
                inplace[k][str(bool(mod.inplace)).lower()] += 1

    funcs = {}

    class Rec(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            out = func(*args, **kwargs)
            if state['hook']:
                return out
            name = _func_name(func)
            if name.endswith('__get__') or name in ('Tensor.size', 'Tensor.dim', 'Tensor.__len__'):
                return out
            where = 'in_module' if state['depth'] > 0 else 'model_code'
            rec = funcs.setdefault(name, dict(in_module=dict(calls=0, out_elements=0),
                                              model_code=dict(calls=0, out_elements=0)))
            rec[where]['calls'] += 1
            rec[where]['out_elements'] += numel(out)
            return out

    with torch.no_grad():
        with Rec():
            model(x)
    for h in handles:
        h.remove()
    # drop empty halves for readability
    for name, rec in funcs.items():
        for w in ('in_module', 'model_code'):
            if rec[w]['calls'] == 0:
                del rec[w]
    return dict(modules=modules,
                inplace_flags={k: dict(v) for k, v in sorted(inplace.items())},
                functional_calls=dict(sorted(funcs.items())))


# ----------------------------------------------------------------------------------------------
# export

def export(model, x, bn='folded', opset=OPSET, dynamic=False, export_params=True):
    from torch.onnx import TrainingMode
    f = io.BytesIO()
    kw = dict(opset_version=opset, input_names=['input'], output_names=['output'],
              export_params=export_params)
    if bn == 'folded':
        kw.update(training=TrainingMode.EVAL, do_constant_folding=True)
    elif bn == 'kept':
        kw.update(training=TrainingMode.PRESERVE, do_constant_folding=False)
    else:
        raise ValueError(bn)
    if dynamic:
        kw['dynamic_axes'] = {'input': {0: 'batch', 2: 'height', 3: 'width'}, 'output': {0: 'batch'}}
    torch.onnx.export(model, (x,), f, **kw)
    return onnx.load_from_string(f.getvalue())


def _numel(dims):
    n = 1
    for d in dims:
        n *= d
    return n


def _strippable(t):
    # weight-like tensors: float with more than one element. Integer tensors (Reshape shapes,
    # Slice bounds, Split sizes ...) and float scalars keep their data: shape arithmetic needs them.
    return t.data_type in FLOAT_TYPES and _numel(t.dims) > 1


def graph_stats(m):
    g = m.graph
    inits = list(g.initializer)
    float_inits = [t for t in inits if t.data_type in FLOAT_TYPES]
    ops = collections.Counter(n.op_type for n in g.node)
    init_names = {t.name for t in inits}
    return dict(
        opset=max(o.version for o in m.opset_import if o.domain in ('', 'ai.onnx')),
        ir_version=m.ir_version,
        nodes=len(g.node),
        op_types=dict(sorted(ops.items())),
        initializers=len(inits),
        float_initializer_elements=sum(_numel(t.dims) for t in float_inits),
        graph_inputs=[dict(name=i.name, shape=[d.dim_param if d.dim_param else d.dim_value
                                                for d in i.type.tensor_type.shape.dim])
                      for i in g.input if i.name not in init_names],
        graph_outputs=[dict(name=o.name, shape=[d.dim_param if d.dim_param else d.dim_value
                                                 for d in o.type.tensor_type.shape.dim])
                       for o in g.output],
    )


def strip_empty_initializers(m):
    """Keep every initializer (name, data_type, dims) but drop the data of weight-like ones."""
    n = 0
    for t in m.graph.initializer:
        if _strippable(t):
            t.ClearField('raw_data')
            for fld in ('float_data', 'double_data', 'int32_data'):
                t.ClearField(fld)
            n += 1
    return n


def strip_to_graph_inputs(m):
    """Move weight-like initializers to graph inputs typed with their shape (no data)."""
    g = m.graph
    keep = []
    moved = []
    for t in g.initializer:
        (moved if _strippable(t) else keep).append(t)
    for t in moved:
        vi = onnx.helper.make_tensor_value_info(t.name, t.data_type, list(t.dims))
        g.input.append(vi)
    del g.initializer[:]
    g.initializer.extend(keep)
    return len(moved)


def strip_to_external(m, location):
    """Weight-like initializers marked data_location=EXTERNAL pointing into `location`, a file
    that is NOT shipped (offsets as if it were written). Counting needs only the dims."""
    offset = 0
    n = 0
    for t in m.graph.initializer:
        if not _strippable(t):
            continue
        length = len(t.raw_data) if t.HasField('raw_data') else _numel(t.dims) * 4
        t.ClearField('raw_data')
        t.ClearField('float_data')
        t.data_location = onnx.TensorProto.EXTERNAL
        del t.external_data[:]
        for k, v in (('location', location), ('offset', str(offset)), ('length', str(length))):
            e = t.external_data.add()
            e.key = k
            e.value = v
        offset += (length + 4095) // 4096 * 4096
        n += 1
    return n


def check(m):
    try:
        onnx.checker.check_model(m)
        return 'ok'
    except Exception as e:  # record the checker's verdict; the fixture is still useful
        return 'fails: ' + str(e).strip().splitlines()[0][:200]


def make_file(fname, model, x, opts):
    form = opts['form']
    export_params = form != 'export-params-false'
    m = export(model, x, bn=opts['bn'], opset=opts.get('opset', OPSET),
               dynamic=opts.get('dynamic', False), export_params=export_params)
    before = graph_stats(m)
    full_bytes = m.ByteSize()
    if form == 'empty-initializers':
        stripped = strip_empty_initializers(m)
    elif form == 'graph-inputs':
        stripped = strip_to_graph_inputs(m)
    elif form == 'external-data':
        stripped = strip_to_external(m, fname[:-len('.onnx')] + '.weights.bin')
    elif form == 'export-params-false':
        stripped = 0
    else:
        raise ValueError(form)
    m.doc_string = ('butterflops fixture %s: torchvision %s (weights=None, seeded), form %s, BN %s; '
                    'made by scripts/make-onnx-fixtures.py' % (fname, opts.get('model'), form, opts['bn']))
    path = os.path.join(OUT_DIR, fname)
    with open(path, 'wb') as fh:
        fh.write(m.SerializeToString())
    after = graph_stats(m)
    info = dict(form=form, bn=opts['bn'], opset=before['opset'], dynamic=bool(opts.get('dynamic')),
                bytes=os.path.getsize(path), bytes_with_weights=full_bytes,
                stripped_tensors=stripped, checker=check(m),
                before_strip=dict(initializers=before['initializers'],
                                  float_initializer_elements=before['float_initializer_elements']),
                nodes=after['nodes'], op_types=after['op_types'],
                initializers=after['initializers'],
                graph_inputs=after['graph_inputs'] if form not in ('graph-inputs', 'export-params-false')
                else dict(count=len(after['graph_inputs']),
                          image=[i for i in after['graph_inputs'] if i['name'] == 'input']),
                graph_outputs=after['graph_outputs'])
    if form == 'export-params-false':
        # weights arrive as graph inputs named after the module parameters
        info['weight_input_elements'] = sum(_numel(i['shape']) for i in after['graph_inputs']
                                            if i['name'] != 'input')
    return info


# ----------------------------------------------------------------------------------------------

def load_json(path):
    if os.path.exists(path):
        with open(path) as fh:
            return json.load(fh)
    return None


def write_json(path, obj):
    with open(path, 'w') as fh:
        json.dump(obj, fh, indent=1, sort_keys=False)
        fh.write('\n')


def versions():
    return dict(torch=torch.__version__, torchvision=torchvision.__version__, onnx=onnx.__version__,
                python=platform.python_version())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--only', help='comma-separated model names (default: all)')
    ap.add_argument('--no-export', action='store_true', help='oracles only, no .onnx files')
    args = ap.parse_args()
    torch.set_num_threads(1)
    names = list(MODELS) if not args.only else args.only.split(',')
    for n in names:
        if n not in MODELS:
            sys.exit('unknown model %s' % n)
    os.makedirs(OUT_DIR, exist_ok=True)
    exp_path = os.path.join(OUT_DIR, 'expected.json')

    expected = load_json(exp_path) if args.only else None
    if expected is None:
        expected = dict(models={})
    expected.update(
        generator='scripts/make-onnx-fixtures.py',
        versions=versions(),
        seed=SEED,
        input_shape=list(INPUT_SHAPE),
        conventions=dict(
            macs='forward hooks on nn.Conv2d (out_elements/N * C_in/groups * kH * kW) and nn.Linear '
                 '(rows * in_features * out_features), per sample; nothing else',
            params='sum(p.numel() for p in model.parameters()); BN running_mean+running_var '
                   'elements in bn_running_stats, num_batches_tracked in bn_num_batches_tracked',
            params_bn_folded='params - (BatchNorm2d gamma elements): every BN here follows a '
                             'bias-free conv, so folding turns gamma+beta into one conv bias per '
                             'channel; equals the float weight elements of the BN-folded export',
            macs_by_resolution='the same hook MACs for input 1x3xHxW, keyed "HxW"',
            torch_profiler_flops='torch.profiler.profile(activities=[CPU], with_flops=True) around '
                                 'one model(x) under torch.no_grad() after one warm-up forward; '
                                 'total = sum(evt.flops for evt in prof.key_averages()); by_op = '
                                 'non-zero evt.flops by op name; op_calls = evt.count for ops with '
                                 'flops and for a fixed list of model-level aten ops',
        ),
    )
    expected['models'] = {k: v for k, v in expected.get('models', {}).items()}
    opc = (load_json(OP_COUNTS_PATH) if args.only else None) or dict(models={})
    opc.update(generator='scripts/make-onnx-fixtures.py', versions=versions(),
               input_shape=list(INPUT_SHAPE),
               what=('modules: per leaf-module type, forward-hook calls and summed input[0]/output '
                     'elements (batch 1, eval, no_grad), instances = number of such modules; '
                     'inplace_flags: how many modules of the type have inplace=True/false; '
                     'functional_calls: outermost Python-level torch calls seen by a '
                     'TorchFunctionMode (torch.*, torch.nn.functional.*, Tensor methods and '
                     'operators), split into calls inside a leaf module forward (in_module) and '
                     'calls in model code (model_code), with summed output elements'))

    for name in names:
        print('==', name, flush=True)
        model = build(name)
        x = image()
        layers = hook_macs(model, x)
        entry = dict(torchvision=MODELS[name][0], kwargs=MODELS[name][1],
                     macs=sum(l['macs'] for l in layers))
        entry.update(param_counts(model))
        entry['macs_by_type'] = dict(collections.Counter(
            {t: sum(l['macs'] for l in layers if l['type'] == t) for t in ('Conv2d', 'Linear')}))
        # BN folded into the preceding bias-free conv: gamma, beta -> one bias per channel
        bn_c = entry['params_by_kind'].get('BatchNorm2d.weight', 0)
        entry['params_bn_folded'] = entry['params'] - bn_c
        entry['macs_by_resolution'] = {}
        for (h, w) in OTHER_RESOLUTIONS:
            entry['macs_by_resolution']['%dx%d' % (h, w)] = sum(
                l['macs'] for l in hook_macs(model, image((1, 3, h, w))))
        entry['torch_profiler_flops'] = profiler_flops(model, x)
        entry['layers'] = layers
        files = {}
        if not args.no_export:
            for fname, mname, opts in FILES:
                if mname != name:
                    continue
                opts = dict(opts, model=mname)
                print('   export', fname, flush=True)
                try:
                    files[fname] = make_file(fname, model, x, opts)
                    print('   ', files[fname]['bytes'], 'bytes', files[fname]['checker'], flush=True)
                except Exception as e:  # record, keep going
                    files[fname] = dict(error=repr(e)[:500])
                    print('    FAILED', repr(e)[:300], flush=True)
        elif name in expected['models']:
            files = expected['models'][name].get('files', {})
        entry['files'] = files
        # keep stable key order: scalars first, layers last
        for fname, info in files.items():
            if info.get('bn') == 'folded' and 'before_strip' in info:
                got = info['before_strip']['float_initializer_elements'] or info.get('weight_input_elements')
                if got != entry['params_bn_folded']:
                    print('    NOTE %s: %s float weight elements, params_bn_folded %s'
                          % (fname, got, entry['params_bn_folded']), flush=True)
        order = ['torchvision', 'kwargs', 'macs', 'macs_by_type', 'params', 'params_by_kind',
                 'params_bn_folded', 'bn_layers', 'bn_running_stats', 'bn_num_batches_tracked',
                 'macs_by_resolution', 'files',
                 'torch_profiler_flops', 'layers']
        expected['models'][name] = {k: entry[k] for k in order}
        print('   macs', entry['macs'], 'params', entry['params'],
              'profiler', entry['torch_profiler_flops']['total'], flush=True)
        if name in OP_COUNT_MODELS:
            opc['models'][name] = op_counts(model, x)
        write_json(exp_path, expected)
        write_json(OP_COUNTS_PATH, opc)

    # order models as in MODELS
    expected['models'] = {k: expected['models'][k] for k in MODELS if k in expected['models']}
    opc['models'] = {k: opc['models'][k] for k in OP_COUNT_MODELS if k in opc['models']}
    write_json(exp_path, expected)
    write_json(OP_COUNTS_PATH, opc)


if __name__ == '__main__':
    main()
