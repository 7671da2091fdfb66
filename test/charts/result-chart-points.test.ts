import { describe, expect, it } from '@jest/globals';
import { resultChartPoints } from '../../src/charts/result-chart-points.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';

const records = parseResultsCsv(
  'model,family,fusion,resolution,mmacs,top1,table\nMobileNetV1-1.0+BFT,MobileNetV1,bft,128,23,52.26,1c\nX,F,nas,,12.7,49.3,2a\n',
  'r.csv',
);

describe('resultChartPoints', () => {
  it('turns records into chart points with short labels and colour/facet values', () => {
    expect(resultChartPoints(records, { colour: 'table', shape: 'family', facet: 'family' })).toEqual([
      {
        model: 'X',
        label: 'X',
        macs: 12_700_000n,
        top1: 49.3,
        colour: '2a',
        shape: 'F',
        facet: 'F',
        series: 'F / nas',
        frontier: true,
        source: 'r.csv:3',
      },
      {
        model: 'MobileNetV1-1.0+BFT @128',
        label: '1.0+BFT @128',
        macs: 23_000_000n,
        top1: 52.26,
        colour: '1c',
        shape: 'MobileNetV1',
        facet: 'MobileNetV1',
        series: 'MobileNetV1 / bft',
        frontier: true,
        source: 'r.csv:2',
      },
    ]);
  });

  it('rejects an unknown colour or facet field, naming the field (the CLI names the option)', () => {
    expect(() => resultChartPoints(records, { colour: 'nope' })).toThrow('color: unknown field "nope"');
    expect(() => resultChartPoints(records, { colour: 'fusion', facet: 'nope' })).toThrow(
      'facet: unknown field "nope"',
    );
  });
});
