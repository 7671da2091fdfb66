/**
 * `markdownCell` against a real renderer: markdown-it (CommonMark with GFM tables and
 * strikethrough) renders a table whose one cell is the escaped text, and the cell must come back
 * as the text as written — no emphasis, code, strikethrough, tag, entity or image made of it.
 * `markdownLine` the same after `## ` and after `- `: one heading or one list item, nothing else.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { markdownCell, markdownLine, terminalCell } from '../../src/text/escape.js';

// html: true as GitHub, which renders (sanitised) HTML: an unescaped `<` would make a tag.
const markdown = new MarkdownIt({ html: true });

/** The token types of the cell's inline content and the text it shows. */
function renderedCell(cell: string): { types: string[]; text: string } {
  const tokens = markdown.parse(`| name |\n|---|\n| ${markdownCell(cell)} |\n`, {});
  const inline = tokens.filter((token) => token.type === 'inline');
  expect(inline).toHaveLength(2); // the header's cell and this one: the row did not break
  const children = inline[1]?.children ?? [];
  return {
    types: [...new Set(children.map((child) => child.type))],
    text: children.map((child) => (child.type === 'text' ? child.content : '')).join(''),
  };
}

/**
 * The block tokens and inline text markdown-it makes of `line` after `prefix` (`## ` or `- `),
 * and the inline token types.
 */
function renderedLine(prefix: string, line: string): { blocks: string[]; types: string[]; text: string } {
  const tokens = markdown.parse(`${prefix}${markdownLine(line)}\n`, {});
  const children = tokens.flatMap((token) => (token.type === 'inline' ? (token.children ?? []) : []));
  return {
    blocks: tokens.filter((token) => token.type !== 'inline').map((token) => token.type),
    types: [...new Set(children.map((child) => child.type))],
    text: children.map((child) => (child.type === 'text' ? child.content : '')).join(''),
  };
}

/** Characters Markdown may read as syntax, and some that it does not (brackets: the test below). */
const CHARACTER = fc.constantFrom(
  ...'\\|<>`*_~&!#=+-.:;\'"$%^{}@/ aZ9_*é',
  '&amp;',
  '&#60;',
  '<img src=x onerror=alert(1)>',
  '**',
  '__',
  '~~',
  '\u001b[2J',
  '\n',
);

describe('markdownCell rendered by markdown-it', () => {
  it('shows the text as written, control characters as \\xNN (random texts)', () => {
    fc.assert(
      fc.property(fc.array(CHARACTER, { maxLength: 12 }), (parts) => {
        const cell = parts.join('');
        const { types, text } = renderedCell(cell);
        expect([cell, types.filter((type) => type !== 'text')]).toEqual([cell, []]);
        expect([cell, text]).toEqual([cell, terminalCell(cell).trim()]);
      }),
      { numRuns: 2000, seed: 26 },
    );
  });

  it('markdownLine: one heading or one list item showing the text as written (random texts, block starts first)', () => {
    const HEADING = ['heading_open', 'heading_close'];
    const ITEM = [
      'bullet_list_open',
      'list_item_open',
      'paragraph_open',
      'paragraph_close',
      'list_item_close',
      'bullet_list_close',
    ];
    const START = fc.constantFrom(
      '',
      '# ',
      '#',
      '1. ',
      '2) ',
      '- ',
      '+ ',
      '* ',
      '---',
      '***',
      '===',
      '> ',
      '    ',
      '\t',
      '[a]: /x',
      '```',
      '~~~',
      '<div>',
    );
    fc.assert(
      fc.property(START, fc.array(CHARACTER, { maxLength: 10 }), (start, parts) => {
        const line = `${start}${parts.join('')}`;
        const expected = terminalCell(line).trim();
        for (const [prefix, blocks] of [
          ['## ', HEADING],
          ['- ', ITEM],
        ] as const) {
          const rendered = renderedLine(prefix, line);
          if (expected === '') continue; // an empty heading or item: nothing to show
          expect([line, prefix, rendered.blocks]).toEqual([line, prefix, blocks]);
          expect([line, prefix, rendered.types.filter((type) => type !== 'text')]).toEqual([line, prefix, []]);
          expect([line, prefix, rendered.text]).toEqual([line, prefix, expected]);
        }
      }),
      { numRuns: 1500, seed: 26 },
    );
  });

  it('markdownLine escapes what markdownCell leaves: "1. # a" stays a heading\'s text', () => {
    expect(markdownLine('1. # a')).toBe('1\\. \\# a');
    expect(markdownCell('1. # a')).toBe('1. # a');
    expect(renderedLine('- ', '1. # a').blocks).toHaveLength(6);
  });

  it('leaves names with inner underscores as they are, and escapes those that could emphasise', () => {
    expect(markdownCell('features_0_conv_1')).toBe('features_0_conv_1');
    expect(markdownCell('_private_')).toBe('\\_private\\_');
    expect(renderedCell('_private_ and *bold*').text).toBe('_private_ and *bold*');
  });

  it('keeps a link a link (report cells hold links on purpose), and never makes an image', () => {
    expect(renderedCell('[zoo](zoo/mobilenet-v1.md)').types).toEqual(['link_open', 'text', 'link_close']);
    expect(renderedCell('![x](http://example.com/p.png)').types).not.toContain('image');
  });
});
