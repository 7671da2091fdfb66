/** Registers Node's `require` as the core's lazy-package loader for every test file (as the CLI does). */
import '../src/io/node-packages.js';
