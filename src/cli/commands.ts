import type { Command } from 'commander';

/** A command file exports one function that adds its command to the program and returns it. */
export type RegisterCommand = (program: Command) => Command;

/** A command by name, and how to load its file (loaded only when it is run or help is asked). */
export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<RegisterCommand>;
}

/**
 * Every command, in the order `--help` lists them. Add a command by adding one line. Each file
 * is imported only when needed, so `butterflops models` does not load what `report` needs.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'count', load: async () => (await import('./count.js')).register },
  { name: 'models', load: async () => (await import('./models.js')).register },
  { name: 'match', load: async () => (await import('./match.js')).register },
  { name: 'reproduce', load: async () => (await import('./reproduce.js')).register },
  { name: 'pareto', load: async () => (await import('./pareto.js')).register },
  { name: 'chart', load: async () => (await import('./chart.js')).register },
  { name: 'report', load: async () => (await import('./report.js')).register },
  { name: 'compare', load: async () => (await import('./compare.js')).register },
  { name: 'formula', load: async () => (await import('./formula.js')).register },
  { name: 'criteria', load: async () => (await import('./criteria.js')).register },
  { name: 'bound', load: async () => (await import('./bound.js')).register },
  { name: 'schema', load: async () => (await import('./schema.js')).register },
  { name: 'explain', load: async () => (await import('./explain.js')).register },
  { name: 'export', load: async () => (await import('./export.js')).register },
  { name: 'latency', load: async () => (await import('./latency.js')).register },
  { name: 'plan', load: async () => (await import('./plan.js')).register },
  { name: 'calibrate', load: async () => (await import('./calibrate.js')).register },
  { name: 'measure', load: async () => (await import('./measure.js')).register },
  { name: 'explore', load: async () => (await import('./explore.js')).register },
];
