/**
 * The operator table: one rule per supported ONNX operator of the default domain. A caller may
 * pass its own table (e.g. `{ ...ONNX_OP_RULES, MyOp: rule }`) to the importer.
 */
import type { OpRule } from '../op-rule.js';
import { ACTIVATION_RULES } from './activation.js';
import { BINARY_RULES } from './binary.js';
import { CONTROL_FLOW_RULES } from './control-flow.js';
import { convRule, convTransposeRule } from './conv.js';
import { einsumRule } from './einsum.js';
import { withConstantFolding } from './fold-constants.js';
import { gridSampleRule } from './grid-sample.js';
import { gemmRule, matmulRule } from './linear.js';
import { POOL_RULES } from './pool.js';
import { RESIZE_RULES } from './resize.js';
import { roiAlignRule } from './roi-align.js';
import { SELECTION_RULES } from './selection.js';
import { SHAPE_RULES } from './shape-ops.js';

/** Rules by op type (default ONNX domain); unary and reduction ops fold constant inputs (`fold-constants.ts`). */
export const ONNX_OP_RULES: Readonly<Record<string, OpRule>> = withConstantFolding({
  Conv: convRule,
  ConvTranspose: convTransposeRule,
  Gemm: gemmRule,
  MatMul: matmulRule,
  Einsum: einsumRule,
  ...ACTIVATION_RULES,
  ...POOL_RULES,
  ...BINARY_RULES,
  ...SHAPE_RULES,
  ...RESIZE_RULES,
  GridSample: gridSampleRule,
  RoiAlign: roiAlignRule,
  ...SELECTION_RULES,
  ...CONTROL_FLOW_RULES,
});
