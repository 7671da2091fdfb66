/**
 * Escaping at the edge: one function per output format that turns a name from the user's files
 * (a layer, node or column name) into text that format shows as written and cannot take as a
 * command. A node name holding `ESC ] 0 ;` would retitle a terminal, `=HYPERLINK(…)` would run
 * in a spreadsheet, `<img onerror>` in a Markdown viewer. Pure; O(length).
 */

/** C0 and C1 control characters (tab and line feed included), DEL, and the bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** {@link CONTROLS} without the global flag, for a test that keeps no state. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** `\x1B`, `\x07`, `\u202E`: a control character written out, visibly. */
function visible(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase()}`;
}

/**
 * Terminal text: every control character (escape sequences, bell, carriage return, tabs and line
 * breaks inside a cell, bidi overrides) shown as `\xNN`, so nothing reaches the terminal as a
 * command. Example: terminalCell('a\u001b[2Jb') is 'a\\x1B[2Jb'.
 */
export function terminalCell(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROLS, visible) : text;
}

/** Like {@link terminalCell} for several lines: line breaks are kept, every other control shown. */
export function terminalLines(text: string): string {
  return text.replace(CONTROLS, (character) => (character === '\n' ? character : visible(character)));
}

/** A cell a spreadsheet would read as a formula: it starts with =, +, -, @, tab or carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell that may need a `'`, a shown control character or quotes; any other stays as it is. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CSV_NEEDS_CARE = /^[=+\-@]|[",\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** A plain number (a leading sign is not a formula then): `-12`, `+0.5`, `-1.5e3`, `-3%`. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

/**
 * An RFC 4180 CSV cell, neutralised for spreadsheets: a cell that would start a formula (=, +,
 * -, @, tab, carriage return; plain numbers excepted) gets a leading `'`, which spreadsheets
 * show as text (OWASP's advice on CSV injection); other control characters are shown as in
 * {@link terminalCell}; quoted when it holds a comma, quote or line break. Example: csvCell('=HYPERLINK("x")') is `"'=HYPERLINK(""x"")"`.
 */
export function csvCell(cell: string): string {
  if (!CSV_NEEDS_CARE.test(cell)) return cell; // most cells: a million rows go through here
  const shown = FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
  // Line breaks stay (quoted); other control characters are shown, as in terminal text.
  const safe = shown.replace(/[^\r\n]+/g, (part) => terminalCell(part));
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Markdown characters that would start an HTML tag, code, emphasis, strikethrough, an entity or
 * an image, escape what follows, or end a table cell — the backslash, `|`, `<`, `>`, the
 * backquote, `*`, `~`, `&` and `!` — and `_` where it can open or close emphasis (not between
 * two letters or digits: `conv_1` stays as written).
 * Brackets stay: report cells hold links on purpose (a name's brackets make at most a link
 * text, never an image, which a viewer would fetch).
 */
const MARKDOWN_SPECIALS = /[\\|<>`*~&!]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/**
 * Inline GitHub Markdown that shows `cell` as written in a table cell: the characters of
 * {@link MARKDOWN_SPECIALS} escaped with a backslash, control characters shown as in
 * {@link terminalCell} (a line break would end the row). Checked against markdown-it, a
 * CommonMark and GFM renderer. Inline only: at the start of a heading or list item, a leading
 * `#`, `1.` or `-` still starts a block, and a heading drops a trailing ` #` ({@link markdownLine}
 * is for those). Example: markdownCell('a|<b>') is 'a\\|\\<b\\>'.
 */
export function markdownCell(cell: string): string {
  return terminalCell(cell.replace(MARKDOWN_SPECIALS, (character) => `\\${character}`));
}

/**
 * Text that follows `## ` (a heading) or `- ` (a list item) and shows as written: as
 * {@link markdownCell}, and what would start a block there is escaped too — every `#` (an ATX
 * heading, or a heading's closing sequence), a leading `-`, `+` or `=` (a list, a thematic break),
 * the `.` or `)` after leading digits (an ordered list), a leading `[` of a link reference
 * definition (which would swallow the line) — and leading spaces are dropped (four of them would
 * start indented code). Checked against markdown-it in both places. Example:
 * markdownLine('1. # a') is '1\\. \\# a'.
 */
export function markdownLine(text: string): string {
  return markdownCell(text.replace(/^ +/, ''))
    .replaceAll('#', '\\#')
    .replace(/^[-+=]/, (start) => `\\${start}`)
    .replace(/^(\d{1,9})([.)])/, '$1\\$2')
    .replace(/^\[(?=[^\]]*\]:)/, '\\[');
}
