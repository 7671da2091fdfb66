/**
 * The `butterflops` command line: parses options, calls the pure core, prints. User mistakes
 * (`UserError`, commander's usage errors) print one line on stderr and exit 2; anything else is
 * a bug and prints its stack trace with exit 1.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';
import '../io/node-packages.js';
import { COMMANDS } from './commands.js';

/** Exit codes: 0 ok, 1 internal error or a failed verification, 2 bad input. */
export const EXIT_USAGE = 2;

/** Builds the program with every command registered. Exported for tests. */
export function buildProgram(): Command {
  const program = new Command('butterflops')
    .description('Exact MACs, FLOPs, params and memory of CNNs under dense pointwise vs Butterfly Transform channel fusion')
    .exitOverride()
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
  // Commander prints the usage problems it finds while parsing; an InvalidArgumentError thrown
  // later, from a command's action, reaches us unprinted.
  let printed = false;
  const output = { writeErr: (text: string) => { printed = true; process.stderr.write(text); } };
  program.configureOutput(output);
  for (const command of program.commands) command.configureOutput(output);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      if (!printed) process.stderr.write(`butterflops: ${error.message.replace(/^error: /, '')}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UserError) {
      process.stderr.write(`butterflops: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
