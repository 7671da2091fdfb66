/**
 * One self-contained HTML page showing a chart, that works offline: the compiled Vega spec and
 * the Vega runtime are inlined, nothing is fetched. Vega's default tooltip handler shows the
 * `tooltip` fields as the browser's native tooltip. Pure.
 */

/** Escapes `text` for HTML element content. */
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The page for `vegaSpec` (compiled, see `compileToVega`) with `vegaRuntime` (the text of
 * `vega.min.js`). Throws when the runtime contains `</script`, which would end the inline script.
 */
export function chartHtml(title: string, vegaSpec: object, vegaRuntime: string): string {
  if (/<\/script/i.test(vegaRuntime)) throw new Error('the Vega runtime contains "</script" and cannot be inlined');
  const specJson = JSON.stringify(vegaSpec).replaceAll('<', '\\u003c');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:"DejaVu Sans",sans-serif;margin:1.5rem}#chart svg{max-width:100%;height:auto}</style>',
    '</head>',
    '<body>',
    '<div id="chart"></div>',
    `<script>${vegaRuntime}</script>`,
    '<script>',
    `const spec = ${specJson};`,
    "new vega.View(vega.parse(spec), {renderer: 'svg', container: '#chart', hover: true}).runAsync();",
    '</script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
