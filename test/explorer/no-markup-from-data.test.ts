/**
 * The explorer never parses data as HTML (issue 23 item 6): no source file of the page uses an
 * API that turns a string into markup or code. Strings reach the DOM as text nodes and attribute
 * values through `h()` (`src/explorer/dom.ts`) or `textContent`. The browser test that drops
 * files with hostile names is `explorer-imported.test.ts`; this one catches a new use anywhere
 * in the page's code, including views no test drops a hostile name into.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** APIs that parse a string as HTML or run it as code. */
const MARKUP_APIS =
  /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|parseFromString|DOMParser|srcdoc|document\.write(ln)?|setHTMLUnsafe|new Function|eval)\b/;

/** The lines of `text` outside comments that use a markup API. */
export function markupLines(text: string): string[] {
  return text.split('\n').filter((line) => MARKUP_APIS.test(line) && !/^\s*(\*|\/\/)/.test(line));
}

describe('explorer sources', () => {
  const folder = join('src', 'explorer');
  const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));

  it('are all checked', () => {
    expect(files).toEqual(expect.arrayContaining(['page.ts', 'page-views.ts', 'dom.ts', 'imported-model-views.ts']));
  });

  /** The one allowed use: the deferred bundle (the page's own code, inlined at build time) is evaluated once. */
  const ALLOWED: Readonly<Record<string, number>> = { 'browser-packages.ts': 1 };

  it.each(files)('%s parses no string as HTML or code', (name) => {
    const lines = markupLines(readFileSync(join(folder, name), 'utf8'));
    if (ALLOWED[name] !== undefined) {
      expect(lines).toHaveLength(ALLOWED[name]);
      expect(lines[0]).toMatch(/new Function\(`\$\{code\}/);
    } else {
      expect(lines).toEqual([]);
    }
  });

  it('the check finds a planted use', () => {
    expect(markupLines("  byId('current').innerHTML = label;\nconst ok = 1;")).toHaveLength(1);
    expect(markupLines('  element.insertAdjacentHTML("beforeend", name);')).toHaveLength(1);
    expect(markupLines(' * innerHTML in a doc comment')).toEqual([]);
  });
});
