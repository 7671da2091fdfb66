import { Option, type Command } from 'commander';
import { loadArchitecture } from '../count-model.js';
import { zooModelIds } from '../io/architecture-files.js';
import { CATALOG_FORMATS, formatCatalog, modelCatalog, type CatalogFormat } from '../search/model-catalog.js';

/** `butterflops models`: the zoo's ids, titles and parameters with their allowed values. */
export function register(program: Command): Command {
  return program
    .command('models')
    .description('list the zoo models with their parameters and allowed values')
    .addOption(new Option('--format <format>', 'output format').choices(CATALOG_FORMATS).default('table'))
    .action((options: { format: CatalogFormat }) => {
      const architectures = zooModelIds().map((id) => loadArchitecture(id).arch);
      process.stdout.write(formatCatalog(modelCatalog(architectures), options.format));
    });
}
