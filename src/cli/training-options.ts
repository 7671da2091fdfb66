/**
 * The training options of `count` and `explain` (issue 24): `--training`, `--freeze <glob>` and
 * `--trainable <glob>` (both repeatable), and their translation to a `TrainingSelection`.
 */
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import type { TrainingSelection } from '../model/training.js';

/** The option values. */
export interface TrainingOptionValues {
  training?: boolean;
  freeze?: string[];
  trainable?: string[];
  convention?: string;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds `--training`, `--freeze` and `--trainable` (`what` says what `--training` adds). */
export function addTrainingOptions(command: Command, what: string): Command {
  return command
    .option('--training', what)
    .option(
      '--freeze <glob>',
      'with --training: freeze the layers whose name or weight-tensor name matches (* any characters, ? one; repeatable)',
      collect,
    )
    .option(
      '--trainable <glob>',
      'with --training: train only the layers whose name or weight-tensor name matches (repeatable; --freeze still applies)',
      collect,
    );
}

/**
 * The training selection of the options, or `undefined` without `--training`. `--freeze` or
 * `--trainable` without `--training`, and `--training` with a `--convention` preset, are
 * `UserError`s.
 */
export function trainingSelectionFrom(options: TrainingOptionValues): TrainingSelection | undefined {
  if (options.training !== true) {
    const given =
      options.freeze !== undefined ? '--freeze' : options.trainable !== undefined ? '--trainable' : undefined;
    if (given !== undefined) {
      throw new UserError('chooses which parameters a training step updates: it needs --training', {
        location: { field: given },
      });
    }
    return undefined;
  }
  if (options.convention !== undefined) {
    throw new UserError('--training counts what autograd executes; it cannot be combined with --convention', {
      location: { field: '--convention' },
      received: options.convention,
      expected: 'no --convention with --training (a tool preset changes the forward count, not the backward pass)',
    });
  }
  return {
    ...(options.freeze !== undefined ? { freeze: options.freeze } : {}),
    ...(options.trainable !== undefined ? { trainable: options.trainable } : {}),
  };
}
