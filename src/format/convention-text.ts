/**
 * The counting convention in one line, echoed with every output. (The number of classes is a
 * model parameter and is printed with the parameters.)
 */
import type { CountingConvention } from '../model/convention.js';

/** One line stating what a count includes, echoed with every output. */
export function describeConvention(convention: CountingConvention): string {
  const extras: string[] = [];
  if (convention.extraBiasAdds) extras.push('bias adds');
  if (convention.extraBatchNorm) extras.push('batch norm');
  if (convention.extraActivations) extras.push('activations');
  if (convention.extraPooling) extras.push('pooling');
  if (convention.extraElementwise) extras.push('element-wise adds/multiplies');
  const counted =
    extras.length === 0
      ? 'MACs of conv, FC and butterfly layers only (paper convention); flops = 2 × macs'
      : `MACs of conv, FC and butterfly layers; flops = 2 × macs + extra ops for ${extras.join(', ')}`;
  const params = {
    pytorch: 'params: all trainable (PyTorch style, BN γ/β included)',
    'tf-slim': 'params: conv + FC weights and FC bias (TF-slim style, no BN)',
    'tf-slim-checkpoint': 'params: every TF-slim checkpoint variable (weights, FC bias, BN β and moving mean/variance)',
  }[convention.paramsRule];
  const preset = convention.preset;
  const rules =
    preset === undefined
      ? counted
      : `preset ${preset.name} (${preset.version}): reproduces the total of ${preset.tool}, in ${preset.reportedUnit}s; flops = 2 × macs + the other ops it counts`;
  return `${rules}; per sample; ${params}`;
}
