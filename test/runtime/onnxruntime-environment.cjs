/**
 * Jest's node environment with the host's typed-array constructors. onnxruntime-node's native
 * code returns Float32Arrays of the host realm, and its JS wrapper (loaded inside Jest's
 * sandbox) checks `data instanceof Float32Array` against the sandbox's constructor, which fails.
 * Test files that run onnxruntime select this environment with a `@jest-environment` docblock.
 */
const NodeEnvironment = require('../node-environment.cjs');

const TYPED = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Uint8Array',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
  'ArrayBuffer',
];

class OnnxRuntimeEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxRuntimeEnvironment;
