import { createRequire } from 'node:module';
import { setPackageLoader } from '../expr/lazy-package.js';

/**
 * Registers Node's synchronous `require` as the loader of the core's lazy packages (mathjs,
 * yaml, resvg). Importing this module is enough; the CLI, the library entry point, the bench and
 * the test setup do.
 */
const require = createRequire(import.meta.url);
setPackageLoader((name) => require(name) as unknown);

/** Marker export, so that the import reads as intended: `import { NODE_PACKAGES } from …`. */
export const NODE_PACKAGES = true;
