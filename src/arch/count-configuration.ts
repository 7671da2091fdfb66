/** MACs of a named configuration; see `countConfiguration` in `../count-model.ts`. */
export { countConfiguration, type Configuration } from '../count-model.js';
