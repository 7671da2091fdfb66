import { boundSection } from './bound-section.js';
import { latencySection } from './latency-section.js';
import { designSpaceSection } from './design-space-section.js';
import { criteriaSection } from './criteria-section.js';
import { explorerSection } from './explorer-section.js';
import { paretoSection } from './pareto-section.js';
import type { ReportSection } from './report-section.js';
import { reproductionSection } from './reproduction-section.js';
import { trainingSection } from './training-section.js';
import { zooSection } from './zoo-section.js';

/**
 * The sections of `reports/index.md`, in order. Add a section with one line (see
 * `report-section.ts` for the contract).
 */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  zooSection,
  trainingSection,
  reproductionSection,
  paretoSection,
  criteriaSection,
  boundSection,
  latencySection,
  designSpaceSection,
  explorerSection,
];
