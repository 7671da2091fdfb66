import { Option, type Command } from 'commander';
import { ARCHITECTURE_SCHEMA } from '../arch/schema.js';

/**
 * The text of `data/architecture.schema.json`: the architecture file's JSON Schema as 2-space
 * JSON with a final newline. A test checks that the committed copy equals it.
 */
export function architectureSchemaText(): string {
  return `${JSON.stringify(ARCHITECTURE_SCHEMA, null, 2)}\n`;
}

/**
 * `butterflops schema`: prints the JSON Schema of architecture files (for editors; regenerate the
 * committed copy with `node bin/butterflops.js schema > data/architecture.schema.json`).
 */
export function register(program: Command): Command {
  return program
    .command('schema')
    .description('print the JSON Schema of architecture files (data/architecture.schema.json)')
    .addOption(new Option('--format <format>', 'output format (the schema is JSON)').choices(['json']).default('json'))
    .action(() => {
      process.stdout.write(architectureSchemaText());
    });
}
