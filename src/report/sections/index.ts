import { paretoSection } from './pareto-section.js';
import type { ReportSection } from './report-section.js';

/**
 * The sections of `reports/index.md`, in order. Add a section with one line (see
 * `report-section.ts` for the contract).
 */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  paretoSection,
];
