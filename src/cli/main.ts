/**
 * The `butterflops` command line: parses options, calls the pure core, prints. User mistakes
 * (`UserError`, commander's usage errors) print one line on stderr, `butterflops: ` first, and
 * exit 2; anything else is a bug and prints `butterflops: internal error` and its stack trace
 * with exit 1.
 */
import { terminalCell } from '../text/escape.js';
import { Command, CommanderError } from 'commander';
import { describeValue, UserError } from '../errors.js';
import '../io/node-packages.js';
import { packageVersion } from '../io/package-root.js';
import { COMMANDS } from './commands.js';

/** Exit codes: 0 ok, 1 internal error or a failed verification, 2 bad input. */
export const EXIT_USAGE = 2;

/**
 * Builds the program. With `argv`, when its first word names a command, only that command's
 * file is loaded (a fast start); otherwise (help, a typo) every command is registered. Exported
 * for tests.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('butterflops')
    .description(
      'Exact MACs, FLOPs, params and memory of neural networks (zoo models, architecture files, ONNX files) under dense pointwise vs Butterfly Transform channel fusion',
    )
    .version(packageVersion(), '-V, --version', 'print the version of butterflops')
    .exitOverride()
    .showSuggestionAfterError(true);
  const named = COMMANDS.find((entry) => entry.name === argv[0]);
  for (const entry of named === undefined ? COMMANDS : [named]) {
    const command = (await entry.load())(program);
    command.exitOverride();
  }
  return program;
}

/** The 'error' listener of {@link endQuietlyWhenOutputCloses}, found again by its name. */
function endQuietlyOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
}

/**
 * Ends the process quietly, with exit code 0, when the reader of stdout or stderr goes away
 * (`butterflops count … | head`): writing to a pipe nobody reads fails with `EPIPE`, which
 * would otherwise surface as an unhandled 'error' event with a stack trace. Installed once per
 * stream: the streams outlive this module when it is loaded again (each test file loads it anew
 * into the same process), so the check is on the stream's listeners, not on module state.
 */
export function endQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const installed = stream.listeners('error').some((listener) => listener.name === endQuietlyOnClosedPipe.name);
    if (!installed) stream.on('error', endQuietlyOnClosedPipe);
  }
}

/**
 * Commander's message for a usage error in the words of a `UserError`, on one line:
 * "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are a, b." becomes
 * `--format: invalid format; received "xml"; expected one of a, b` (the same words as an invalid
 * model parameter, `--variant: invalid variant; received …`); an option parser's "expected …"
 * reason is kept; other messages lose the "error: " and their line breaks.
 */
export function commanderMessage(message: string): string {
  const text = message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace('(Did you mean', '(did you mean')
    .trim();
  const invalid = /^option '([^']*)' argument '(.*)' is invalid\.\s*(.*)$/s.exec(text);
  if (invalid === null) return text;
  const [, flags = '', value = '', reason = ''] = invalid;
  const flag = /--[\w-]+/.exec(flags)?.[0] ?? flags;
  const choices = /^Allowed choices are (.*?)\.?$/.exec(reason);
  const expected = choices !== null ? `one of ${choices[1] ?? ''}` : reason.replace(/^expected /, '');
  return `${flag}: invalid ${flag.replace(/^-+/, '')}; received ${describeValue(value)}${expected === '' ? '' : `; expected ${expected}`}`;
}

/** Request fields whose option is named otherwise (field → the option's attribute name). */
const OPTION_OF_FIELD: ReadonlyMap<string, string> = new Map([['foldBatchNorm', 'foldBn']]);

/**
 * A core error in the words of the command line: the core names the field of its request (`n`,
 * `maxN`, `symbolic`); when that field is an option of the command that ran, the error names
 * the option's flag instead (`--n`, `--max-n`, `--symbolic`). Other fields (a CSV column, a
 * flag already) are kept.
 */
export function withFlag(error: UserError, command: Command | undefined): UserError {
  const field = error.location.field;
  if (field === undefined || field.startsWith('-') || command === undefined) return error;
  const attribute = OPTION_OF_FIELD.get(field) ?? field;
  const option = command.options.find(
    (candidate) => candidate.long !== undefined && candidate.attributeName() === attribute,
  );
  return option?.long === undefined ? error : error.at({ ...error.location, field: option.long });
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  endQuietlyWhenOutputCloses();
  const program = await buildProgram(argv);
  // Commander's own error printing is silenced: every error is printed once, below, with the prefix.
  const output = { outputError: () => undefined };
  program.configureOutput(output);
  for (const command of program.commands) command.configureOutput(output);
  let running: Command | undefined;
  program.hook('preAction', (_program, command) => {
    running = command;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      // `butterflops` without a command: commander has printed the help on stderr.
      if (error.code === 'commander.help') return EXIT_USAGE;
      process.stderr.write(`butterflops: ${terminalCell(commanderMessage(error.message))}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UserError) {
      process.stderr.write(`butterflops: ${terminalCell(withFlag(error, running).message)}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(
      `butterflops: internal error (a bug in butterflops; please report it with the command line)\n${
        error instanceof Error ? (error.stack ?? error.message) : String(error)
      }\n`,
    );
    return 1;
  }
}
