/**
 * The page's loader of the core's lazy packages (see `expr/lazy-package.ts`): the bundle has no
 * Node `require`, so the packages are bundled here. yaml is imported statically (every model
 * file is parsed with it); mathjs, needed only by the formula view and the equal-cost search, is
 * `require`d on first use, which esbuild bundles as a module evaluated at that call, so the page
 * does not pay for mathjs at start-up. resvg (PNG rendering) is native and not in the page.
 */
import * as yaml from 'yaml';
import { setPackageLoader } from '../expr/lazy-package.js';

// esbuild resolves and bundles this `require`; it is not Node's.
declare const require: (name: 'mathjs') => unknown;

setPackageLoader((name) => {
  switch (name) {
    case 'yaml': return yaml;
    case 'mathjs': return require('mathjs');
    default: throw new Error(`${name} is not available in the explorer page`);
  }
});

/** Marker export, so that the import reads as intended. */
export const BROWSER_PACKAGES = true;
