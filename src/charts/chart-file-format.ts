import { UserError } from '../errors.js';

/** Files a chart can be written to, chosen by the output file's extension. */
export const CHART_FILE_FORMATS = ['svg', 'png', 'html', 'vl.json'] as const;
export type ChartFileFormat = (typeof CHART_FILE_FORMATS)[number];

/** The format of output path `path` from its extension; a `UserError` for any other extension. */
export function chartFileFormat(path: string): ChartFileFormat {
  const lower = path.toLowerCase();
  const format = CHART_FILE_FORMATS.find((candidate) => lower.endsWith(`.${candidate}`));
  if (format === undefined) {
    throw new UserError('unknown chart file type', {
      location: { field: 'out' },
      received: path,
      expected: 'a name ending in .svg, .png, .html or .vl.json',
    });
  }
  return format;
}
