/**
 * The counting convention in one line, echoed with every output. An imported file whose BatchNorm
 * the exporter folded into its convs says so in the params part. (The number of classes is a
 * model parameter and is printed with the parameters.)
 */
import type { CountingConvention } from '../model/convention.js';

/** One line stating what a count includes, echoed with every output. */
export function describeConvention(convention: CountingConvention, paramsNote?: 'bn-folded'): string {
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
  const stored =
    paramsNote === 'bn-folded' && convention.paramsRule === 'pytorch'
      ? "params: as stored in the file (PyTorch style) — the exporter's BN folding removed BatchNorm's γ and β (PyTorch counts 2 per BN channel more; the folded convs' biases are counted)"
      : params;
  const preset = convention.preset;
  const rules =
    preset === undefined
      ? counted
      : `preset ${preset.name} (${preset.version}): reproduces the total of ${preset.tool}, in ${preset.reportedUnit}s; flops = 2 × macs + the other ops it counts`;
  return `${rules}; per sample; ${stored}`;
}
