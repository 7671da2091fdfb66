import { Option, type Command } from 'commander';
import { defaultModelSource } from '../io/file-model-source.js';
import { CATALOG_FORMATS, formatCatalog, modelCatalog, type CatalogFormat } from '../format/catalog-format.js';

/** `butterflops models`: the zoo's ids, titles and parameters with their allowed values. */
export function register(program: Command): Command {
  return program
    .command('models')
    .description('list the zoo models with their parameters and allowed values')
    .addOption(new Option('--format <format>', 'output format').choices(CATALOG_FORMATS).default('table'))
    .action((options: { format: CatalogFormat }) => {
      const source = defaultModelSource();
      process.stdout.write(formatCatalog(modelCatalog(source.list().map((id) => source.resolve(id))), options.format));
    });
}
