import { describe, expect, it } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';

const HEADER = 'model,family,fusion,width,resolution,mmacs,top1,note';

function errorOf(text: string): UserError {
  try {
    parseResultsCsv(text, 'r.csv');
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseResultsCsv', () => {
  it('reads rows into records with exact MACs and their origin', () => {
    const records = parseResultsCsv(
      `${HEADER},table\nMobileNetV1-0.25,MobileNetV1,pointwise,0.25,128,13.57,41.5,,1c\n"A, quoted",F,bft,,,12.9,50.2,"two\nlines",2a\n`,
      'r.csv',
    );
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      model: 'MobileNetV1-0.25',
      family: 'MobileNetV1',
      fusion: 'pointwise',
      width: 0.25,
      resolution: 128,
      publishedMacs: 13_570_000n,
      top1: 41.5,
      extra: { table: '1c' },
      origin: { file: 'r.csv', line: 2, costColumn: 49, costHeader: 'mmacs' },
    });
    expect(records[1]).toMatchObject({
      model: 'A, quoted',
      publishedMacs: 12_900_000n,
      note: 'two\nlines',
      origin: { line: 3 },
    });
    expect(records[1]?.width).toBeUndefined();
  });

  it('accepts an empty cost (a configuration for the cost model) and mparams', () => {
    const [record] = parseResultsCsv(
      'model,family,fusion,arch,width,resolution,macs,mparams,top1\nm,MobileNetV1,bft,mobilenet-v1,2,224,,4.24,64.3\n',
      'r.csv',
    );
    expect(record?.publishedMacs).toBeUndefined();
    expect(record?.params).toBe(4_240_000n);
    expect(record?.arch).toBe('mobilenet-v1');
  });

  it('reads the committed data files', async () => {
    const { readFileSync } = await import('node:fs');
    const paper = parseResultsCsv(readFileSync('data/results/bft-paper.csv', 'utf8'), 'bft-paper.csv');
    // 35 rows in ../shared/reference/results/bft-paper-tables.csv.
    expect(paper).toHaveLength(35);
    expect(paper.filter((r) => r.fusion === 'bft')).toHaveLength(12);
    const slim = parseResultsCsv(readFileSync('data/results/tf-slim-mobilenet-v1.csv', 'utf8'), 'tf.csv');
    expect(slim).toHaveLength(16);
    expect(slim[0]).toMatchObject({
      model: 'MobileNet_v1_1.0_224',
      publishedMacs: 569_000_000n,
      params: 4_240_000n,
      top1: 70.9,
    });
  });

  it.each([
    ['empty file', '', 'r.csv:1:1: empty file'],
    ['blank lines only', '\n\n', 'r.csv:1:1: empty file'],
    ['header only', `${HEADER}\n`, 'r.csv:2:1: no data rows'],
    ['missing column', 'model,family,mmacs,top1\nm,f,1,2\n', 'r.csv:1:1: missing required column "fusion"'],
    ['no cost column', 'model,family,fusion,top1\nm,f,bft,2\n', 'r.csv:1:1: missing cost column'],
    [
      'ambiguous flops',
      'model,family,fusion,mflops,top1\nm,f,bft,2,3\n',
      'r.csv:1:21 mflops: ambiguous cost column "mflops"',
    ],
    [
      'two cost columns',
      'model,family,fusion,macs,mmacs,top1\nm,f,bft,2,3,4\n',
      'r.csv:1:1: two cost columns (macs, mmacs)',
    ],
    [
      'repeated column',
      'model,family,fusion,mmacs,top1,model\nm,f,bft,2,3,m\n',
      'r.csv:1:32 model: column "model" appears twice',
    ],
    [
      'non-numeric cost',
      `${HEADER}\nm,f,bft,1,224,abc,50,\n`,
      'r.csv:2:15 mmacs: mmacs is not a number; received "abc"',
    ],
    ['negative cost', `${HEADER}\nm,f,bft,1,224,-5,50,\n`, 'r.csv:2:15 mmacs: negative mmacs; received "-5"'],
    ['accuracy above 100', `${HEADER}\nm,f,bft,1,224,5,150,\n`, 'r.csv:2:17 top1: top1 outside 0–100; received "150"'],
    ['accuracy not a number', `${HEADER}\nm,f,bft,1,224,5,high,\n`, 'r.csv:2:17 top1: top1 is not a number'],
    ['missing accuracy', `${HEADER}\nm,f,bft,1,224,5,,\n`, 'r.csv:2:17 top1: empty top1'],
    ['too few cells', `${HEADER}\nm,f,bft,1,224,5\n`, 'r.csv:2:16: row has 6 cells, the header has 8'],
    ['too many cells', `${HEADER}\nm,f,bft,1,224,5,50,,x\n`, 'r.csv:2:21: row has 9 cells, the header has 8'],
    [
      'duplicate row',
      `${HEADER}\nm,f,bft,1,224,5,50,a\nm,f,bft,1,224,6,50,\nm,f,bft,1,224,5,50,b\n`,
      'r.csv:4:1: duplicate row: same values as line 2',
    ],
    ['bad width', `${HEADER}\nm,f,bft,0,224,5,50,\n`, 'r.csv:2:9 width: width is not a positive number'],
    [
      'bad resolution',
      `${HEADER}\nm,f,bft,1,22.5,5,50,\n`,
      'r.csv:2:11 resolution: resolution is not a positive integer',
    ],
    ['upper-case fusion', `${HEADER}\nm,f,BFT,1,224,5,50,\n`, 'r.csv:2:5 fusion: fusion must be a lower-case word'],
    ['unclosed quote', `${HEADER}\nm,f,bft,1,224,5,50,"oops\n`, 'r.csv:2 cell 8: malformed CSV (quote not closed)'],
    [
      'quote inside a cell',
      `${HEADER}\nm,f,bft,1,224,5,5"0,\n`,
      'r.csv:2 cell 7: malformed CSV (quote inside an unquoted cell)',
    ],
    [
      'text after a closing quote',
      `${HEADER}\nm,f,bft,1,224,"5" ,50,\n`,
      'r.csv:2 cell 6: malformed CSV (text after a closing quote)',
    ],
  ])('rejects %s with file, line and column (malformed quoting: line and cell)', (_name, text, start) => {
    const error = errorOf(text);
    expect(error.message.slice(0, start.length)).toBe(start);
    expect(error.message).not.toContain('\n');
  });

  it('points at the right line after a multi-line quoted cell and blank lines', () => {
    const error = errorOf(`${HEADER}\nm,f,bft,1,224,5,50,"a\nb"\n\nn,f,bft,1,224,x,50,\n`);
    expect(error.location).toEqual({ file: 'r.csv', line: 5, column: 15, field: 'mmacs' });
  });

  it('tells rows whose hashes collide apart, and still finds their duplicates', () => {
    // m763399 and m1109514 leave the reader's FNV-1a hash in the same 32-bit state (found by
    // search), so these rows collide and must be compared cell by cell.
    const rows = (models: string[]) => `${HEADER}\n${models.map((model) => `${model},f,bft,1,224,5,50,`).join('\n')}\n`;
    expect(parseResultsCsv(rows(['m763399', 'm1109514']), 'r.csv').map((r) => r.model)).toEqual([
      'm763399',
      'm1109514',
    ]);
    expect(errorOf(rows(['m763399', 'm1109514', 'x', 'm1109514'])).message).toMatch(
      /^r\.csv:5:1: duplicate row: same values as line 3/,
    );
    expect(errorOf(rows(['m763399', 'm1109514', 'm763399'])).message).toMatch(
      /^r\.csv:4:1: duplicate row: same values as line 2/,
    );
  });

  it('counts columns in code points after a line break inside a quoted cell of the same row', () => {
    // Line 3 holds `li😀nes",abc,50`: 8 code points before "abc" (the emoji is one).
    const error = errorOf('model,family,fusion,note,mmacs,top1\r\nm,f,bft,"two\r\nli😀nes",abc,50\r\n');
    expect(error.location).toEqual({ file: 'r.csv', line: 3, column: 9, field: 'mmacs' });
  });
});
