/**
 * The `butterflops` command line: parses options, calls the pure core, prints. User mistakes
 * (`UserError`, commander's usage errors) print one line on stderr and exit 2; anything else is
 * a bug and prints its stack trace with exit 1.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';
import { COMMANDS } from './commands.js';

/** Exit codes: 0 ok, 1 internal error or a failed verification, 2 bad input. */
export const EXIT_USAGE = 2;

/** Builds the program with every command registered. Exported for tests. */
export function buildProgram(): Command {
  const program = new Command('butterflops')
    .description('Exact MACs, FLOPs, params and memory of CNNs under dense pointwise vs Butterfly Transform channel fusion')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showSuggestionAfterError(true);
  for (const register of COMMANDS) {
    const command = register(program);
    command.exitOverride();
  }
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; commander already printed the usage problem on stderr.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UserError) {
      process.stderr.write(`butterflops: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
