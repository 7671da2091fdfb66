/**
 * `butterflops export` of an ONNX file with its weights reads the file as `count` does (weights
 * left unread) and copies the weights it keeps from the file as it writes (issue 21's leftover:
 * the whole file was held, 865 MB for a 472 MB file). Oracles: the SHA-256 of the files the export
 * wrote before it streamed (main at 35ab054, the built CLI, `export <file> --fusion bft|pointwise
 * --out …` with the default seed 1, on the fixtures as filled here); a pointwise export is the
 * source file itself; the file read whole and exported in memory gives the same bytes.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportModel, exportModelPieces } from '../../src/export/export-model.js';
import { DEFAULT_EXPORT_OPTIONS } from '../../src/export/export-network.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { readOnnxModel, readSparseSource } from '../../src/io/onnx-file.js';
import { writeOnnxPieces } from '../../src/io/write-onnx-pieces.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';
import { encodeVarint, readVarint } from '../../src/onnx/protobuf-varint.js';
import { runInProcess } from '../cli/run-main.js';
import { withWeights } from '../onnx/with-weights.js';
import { userErrorMessage } from '../user-error-message.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `bytes` (a model) with the `raw_data` of its last initializer over 40,000 bytes removed: it stores some weights, not all. */
function withoutLastWeight(bytes: Uint8Array): Uint8Array {
  const model = ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(bytes), { longs: String }) as {
    graph: { initializer: { rawData?: Uint8Array }[] };
  };
  const last = model.graph.initializer.filter((t) => (t.rawData?.length ?? 0) > 40_000).pop();
  if (last !== undefined) delete last.rawData;
  return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(model)).finish();
}

/** The length-delimited fields of the message in [start, end) of `bytes` (number, where it starts, its length, payload, end). */
function delimitedFields(bytes: Uint8Array, start: number, end: number) {
  const fields: { field: number; start: number; lengthAt: number; payload: number; end: number }[] = [];
  for (let at = start; at < end;) {
    const tag = readVarint(bytes, at, end);
    if (tag === undefined) throw new Error(`no tag at ${at}`);
    const wire = tag.value % 8;
    if (wire === 0) at = readVarint(bytes, tag.next, end)?.next ?? end;
    else if (wire === 1 || wire === 5) at = tag.next + (wire === 1 ? 8 : 4);
    else if (wire === 2) {
      const length = readVarint(bytes, tag.next, end);
      if (length === undefined) throw new Error(`no length at ${tag.next}`);
      const fieldEnd = length.next + length.value;
      fields.push({
        field: Math.floor(tag.value / 8),
        start: at,
        lengthAt: tag.next,
        payload: length.next,
        end: fieldEnd,
      });
      at = fieldEnd;
    } else throw new Error(`wire type ${wire} at ${at}`);
  }
  return fields;
}

/**
 * `bytes` (a model) with a decoy `raw_data` field (bytes 0x7f) put before that initializer's own: valid protobuf,
 * where the last of a repeated field wins, so the decoder keeps the initializer's own weights.
 */
function withDecoyRawData(bytes: Uint8Array): Uint8Array {
  const graph = delimitedFields(bytes, 0, bytes.length).find((f) => f.field === 7);
  const tensor = delimitedFields(bytes, graph?.payload ?? 0, graph?.end ?? 0).find(
    (f) =>
      f.field === 5 &&
      delimitedFields(bytes, f.payload, f.end).some((r) => r.field === 9 && r.end - r.payload > 40_000),
  );
  const raw = tensor && delimitedFields(bytes, tensor.payload, tensor.end).find((f) => f.field === 9);
  if (graph === undefined || tensor === undefined || raw === undefined) throw new Error('no large initializer');
  const joined = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
  const decoy = joined(bytes.subarray(raw.start, raw.payload), new Uint8Array(raw.end - raw.payload).fill(0x7f));
  const tensorPayload = joined(bytes.subarray(tensor.payload, raw.start), decoy, bytes.subarray(raw.start, tensor.end));
  const graphPayload = joined(
    bytes.subarray(graph.payload, tensor.start),
    bytes.subarray(tensor.start, tensor.lengthAt),
    encodeVarint(tensorPayload.length),
    tensorPayload,
    bytes.subarray(tensor.end, graph.end),
  );
  return joined(
    bytes.subarray(0, graph.lengthAt),
    encodeVarint(graphPayload.length),
    graphPayload,
    bytes.subarray(graph.end),
  );
}

const folder = mkdtempSync(join(tmpdir(), 'butterflops-streamed-'));
const fixture = (path: string) => new Uint8Array(readFileSync(join('test', 'fixtures', ...path.split('/'))));
const shufflenet = withWeights(fixture('onnx/shufflenet_v2_x0_5.onnx'), 5);
// Named as when the hashes were taken: a graph rebuilt from layer records is named after its file.
const files = {
  shufflenet_v2_x0_5: shufflenet,
  'partial-shufflenet': withoutLastWeight(shufflenet),
  tied_head: withWeights(fixture('onnx-graph/tied_head.onnx'), 5),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, `${name}.onnx`), bytes);

/** What the export wrote before it streamed (see the file comment). */
const BEFORE: Readonly<Record<keyof typeof files, { bft: string; pointwise: string }>> = {
  // Every large weight left unread and copied from the file.
  shufflenet_v2_x0_5: {
    bft: '6a259199428db870c92da6e308a0227f4bd236ef98f19925dd3bfdf7d22b0fed',
    pointwise: '4ab87b1647dbc4ef64c7465e4c1443d48a4526d2df3f730117a8613f8accbfbc',
  },
  // One weight missing: read whole and rebuilt from its layer records, with the weights it stores.
  'partial-shufflenet': {
    bft: '72bb87fea7762fb35bc5b454029c4c034b61e463ba043839d5743f54da395f19',
    pointwise: 'f54e3465bff5c18791f165c5f2e916afa256091bfa5e7d6e31bf150b05ab0a21',
  },
  // No weight large enough to leave unread: the file is all read.
  tied_head: {
    bft: 'b856d7c17ad85781c9a6f90d6e8bf3131fa1088b1f121131e785192e96ba306b',
    pointwise: '390624db0696eb7c889c08a7f045782ca801971b00f444a0f9366e45d62e8a6d',
  },
};

describe('export of an ONNX file with its weights, streamed', () => {
  it('the filled fixtures are the files the hashes were taken of (SHA-256 of the filled ShuffleNet)', () => {
    expect(sha256(shufflenet)).toBe('4ab87b1647dbc4ef64c7465e4c1443d48a4526d2df3f730117a8613f8accbfbc');
    expect(sha256(files['partial-shufflenet'])).toBe(
      '28d852ce2f5bf9de68138b650011f83ed24ec961cee05d3daece107d3c889945',
    );
  });

  it.each(Object.keys(BEFORE) as (keyof typeof files)[])(
    '%s: the CLI writes the bytes it wrote when it held the whole file, BFT and pointwise',
    async (name) => {
      for (const fusion of ['bft', 'pointwise'] as const) {
        const out = join(folder, `${name}.${fusion}.onnx`);
        const run = await runInProcess(['export', join(folder, `${name}.onnx`), '--fusion', fusion, '--out', out]);
        expect([run.status, run.stderr]).toEqual([0, '']);
        const written = readFileSync(out);
        expect([fusion, sha256(written)]).toEqual([fusion, BEFORE[name][fusion]]);
        expect(run.stdout).toContain(`(${written.length.toLocaleString('en-US')} bytes;`);
      }
      // A pointwise export of a file that stores its weights is the file itself.
      if (name !== 'partial-shufflenet')
        expect(readFileSync(join(folder, `${name}.pointwise.onnx`)).equals(files[name])).toBe(true);
    },
  );

  it('the file read whole and exported in memory gives the same bytes as the pieces written', () => {
    const file = join(folder, 'shufflenet_v2_x0_5.onnx');
    const whole = exportModel({ model: readOnnxModel(file, {}, true), parameters: {}, fusion: DEFAULT_BFT });
    const streamed = readOnnxModel(file, {}, 'copied');
    const pieces = exportModelPieces({ model: streamed, parameters: {}, fusion: DEFAULT_BFT });
    const out = join(folder, 'in-memory-check.onnx');
    writeOnnxPieces(out, pieces.exported.pieces, { path: file, stamp: streamed.source?.stamp ?? '' });
    expect(readFileSync(out).equals(whole.exported.bytes)).toBe(true);
    expect(pieces.exported.byteLength).toBe(whole.exported.bytes.length);
  });

  it('holds in memory only what is not a large weight of the file: a pointwise export keeps under 6% of its bytes', () => {
    const file = join(folder, 'shufflenet_v2_x0_5.onnx');
    const source = readSparseSource(file);
    const unread = source.unread.reduce((sum, range) => sum + range.length, 0);
    expect(unread / shufflenet.length).toBeGreaterThan(0.94);
    const { exported } = exportModelPieces({
      model: readOnnxModel(file, {}, 'copied'),
      parameters: {},
      fusion: { kind: 'pointwise' },
    });
    const held = exported.pieces.reduce((sum, piece) => sum + (piece instanceof Uint8Array ? piece.length : 0), 0);
    expect(exported.byteLength).toBe(shufflenet.length);
    expect(held / exported.byteLength).toBeLessThan(0.06);
    expect(exported.byteLength - held).toBe(unread);
  });

  it('a raw_data repeated in a tensor (the decoder keeps the last): the bytes of the file read whole and exported in memory', async () => {
    const file = join(folder, 'decoy.onnx');
    writeFileSync(file, withDecoyRawData(shufflenet));
    expect(readSparseSource(file).unread.length).toBe(
      readSparseSource(join(folder, 'shufflenet_v2_x0_5.onnx')).unread.length + 1,
    );
    const whole = exportModel({ model: readOnnxModel(file, {}, true), parameters: {}, fusion: DEFAULT_BFT });
    const out = join(folder, 'decoy.bft.onnx');
    const run = await runInProcess(['export', file, '--fusion', 'bft', '--out', out]);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(readFileSync(out).equals(whole.exported.bytes)).toBe(true);
    // The decoy is dropped: the export is the one of the file without it.
    expect(sha256(readFileSync(out))).toBe(BEFORE.shufflenet_v2_x0_5.bft);
  });

  it('a source changed after it was read: a one-line error naming it, nothing written, an earlier output kept', () => {
    const file = join(folder, 'changing.onnx');
    writeFileSync(file, shufflenet);
    const model = readOnnxModel(file, {}, 'copied');
    const { exported } = exportModelPieces({ model, parameters: {}, fusion: DEFAULT_BFT }, DEFAULT_EXPORT_OPTIONS);
    const out = join(folder, 'changed.onnx');
    writeFileSync(out, 'earlier');
    writeFileSync(file, shufflenet.subarray(0, shufflenet.length - 10));
    const before = readdirSync(folder).sort();
    expect(
      userErrorMessage(() => writeOnnxPieces(out, exported.pieces, { path: file, stamp: model.source?.stamp ?? '' })),
    ).toBe(`${file}: changed since it was read; expected the file unchanged while it is exported; export it again`);
    expect(readFileSync(out, 'utf8')).toBe('earlier');
    expect(readdirSync(folder).sort()).toEqual(before);
    // Gone altogether: the same, by the reader's words.
    rmSync(file);
    expect(
      userErrorMessage(() => writeOnnxPieces(join(folder, 'gone.onnx'), exported.pieces, { path: file, stamp: '' })),
    ).toBe(`${file}: file not found`);
    expect(existsSync(join(folder, 'gone.onnx'))).toBe(false);
  });

  it('a FIFO written in place (no temporary file) gets nothing of an export whose source changed', () => {
    const file = join(folder, 'shufflenet_v2_x0_5.onnx');
    // Bytes first, as in every export (the model's header), then a stretch of the source.
    const pieces = [new Uint8Array([8, 7]), { offset: 0, length: 16 }];
    const fifo = join(folder, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      expect(userErrorMessage(() => writeOnnxPieces(fifo, pieces, { path: file, stamp: 'stale' }))).toBe(
        `${file}: changed since it was read; expected the file unchanged while it is exported; export it again`,
      );
      // The writer has closed: the reader sees the end at once, with no byte before it.
      expect(readSync(reader, Buffer.alloc(16), 0, 16, null)).toBe(0);
    } finally {
      closeSync(reader);
      rmSync(fifo);
    }
  });

  it('a file read sparsely is never exported in memory (an Error: it is written in pieces)', () => {
    const model = readOnnxModel(join(folder, 'shufflenet_v2_x0_5.onnx'), {}, 'copied');
    expect(model.source?.unread.length).toBeGreaterThan(0);
    expect(() => exportModel({ model, parameters: {}, fusion: DEFAULT_BFT })).toThrow(/read whole/);
    rmSync(folder, { recursive: true, force: true });
  });
});
