/**
 * Model sources: how a model reference (a zoo id, an architecture file, an ONNX export) becomes
 * a network. The core never reads files; a source implemented in `io/` does, and hands the core
 * a {@link ModelDescription}, which builds networks purely from what was read.
 */
import type { Network } from './network.js';

/** A model parameter's value: a number (width, resolution, classes) or a choice (variant). */
export type ParameterValue = number | string;

/** Where a model came from, echoed in outputs. */
export interface ModelProvenance {
  /** `zoo`: a file of the package's (or `--data` folder's) zoo; `architecture-file`: a user's file. */
  readonly kind: 'zoo' | 'architecture-file' | 'onnx';
  /** The reference as the user gave it (`mobilenet-v1`, `./net.onnx`). */
  readonly reference: string;
  /** The file that was read, when there is one. */
  readonly path?: string;
}

/** One parameter of a model as a catalogue lists it. */
export interface ModelParameter {
  readonly name: string;
  readonly description: string;
  readonly default: ParameterValue;
  /** Allowed or published values, as given (empty when none are listed). */
  readonly values: readonly ParameterValue[];
  /** The rule in words, e.g. "a number > 0 typically 0.25, 0.5, 0.75, 1". */
  readonly rule: string;
}

/** What a network is built with. */
export interface BuildRequest {
  /** Parameter values (missing ones take their defaults; unknown ones are a UserError). */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  /** Parameters kept symbolic (their symbolic twins are built). */
  readonly free?: readonly string[];
  /** How the user passes a parameter, for messages (default: the name itself, which the CLI shows as its flag). */
  readonly parameterField?: (name: string) => string;
}

/** A resolved model: its identity, its parameters, and a pure builder of its network. */
export interface ModelDescription {
  /** Model id (`mobilenet-v1`, or the file's model name). */
  readonly id: string;
  readonly title: string;
  readonly provenance: ModelProvenance;
  readonly parameters: readonly ModelParameter[];
  /** Builds the (unfused) network; throws a UserError for bad parameter values. */
  build(request?: BuildRequest): Network;
  /**
   * The source file's bytes, where an export rewrites the file itself instead of rebuilding the
   * network from its layer records (ONNX: every operator and weight kept as it is).
   */
  readonly source?: SourceBytes;
}

/** A stretch of a file: `length` bytes from byte `offset`. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/**
 * A model file's bytes as an export rewrites them: all of them, or — a file read sparsely, so
 * that its weights never sit in memory — the bytes with stretches left unread (zeros in
 * `bytes`), which the export's writer copies from the file itself.
 */
export interface SourceBytes {
  /** The file's bytes, as long as the file; zeros where `unread` says. */
  readonly bytes: Uint8Array;
  /** Stretches left unread (ONNX: initializers' `raw_data` payloads), in file order; empty when all was read. */
  readonly unread: readonly ByteRange[];
  /**
   * What the file was when it was read (for a file: device, inode, size, modification and
   * change times), compared before its unread stretches are copied; set when `unread` is not empty.
   */
  readonly stamp?: string;
}

/** Resolves model references. Implemented in `io/` (files) or by a caller (in memory). */
export interface ModelSource {
  /** The description of a reference; an unknown reference is a UserError listing what exists. */
  resolve(reference: string): ModelDescription;
  /** The ids this source lists (the zoo), sorted. */
  list(): readonly string[];
}
