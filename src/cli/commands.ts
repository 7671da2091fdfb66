import type { Command } from 'commander';
import { register as bound } from './bound.js';
import { register as criteria } from './criteria.js';
import { register as compare } from './compare.js';
import { register as count } from './count.js';
import { register as models } from './models.js';
import { register as match } from './match.js';
import { register as reproduce } from './reproduce.js';
import { register as pareto } from './pareto.js';
import { register as chart } from './chart.js';
import { register as report } from './report.js';
import { register as formula } from './formula.js';
import { register as schema } from './schema.js';
import { register as explain } from './explain.js';
import { register as explore } from './explore.js';

/** A command file exports one function that adds its command to the program and returns it. */
export type RegisterCommand = (program: Command) => Command;

/** Every command, in the order `--help` lists them. Add a command by adding one line. */
export const COMMANDS: readonly RegisterCommand[] = [
  count,
  models,
  match,
  reproduce,
  pareto,
  chart,
  report,
  compare,
  formula,
  criteria,
  bound,
  schema,
  explain,
  explore,
];
