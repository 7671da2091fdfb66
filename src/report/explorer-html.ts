/**
 * The explorer as one self-contained HTML file (`butterflops explore`, `reports/explorer.html`):
 * the page's bundled script (see `io/explorer-bundle.ts`) and the data it counts from inlined,
 * so it works from `file://` and fetches nothing. Pure and byte-stable: the same script and data
 * give the same bytes.
 */

/**
 * The page's scripts: `page` (the first views' code, run while the page is parsed) and
 * `deferred` (mathjs, Vega, protobufjs: an IIFE setting {@link DEFERRED_GLOBAL}, gzip-compressed and
 * base64-encoded; evaluated after the first views). Made by `io/explorer-bundle.ts`.
 */
export interface ExplorerScripts {
  readonly page: string;
  readonly deferredGzipBase64: string;
}

/** Id of the element that holds the deferred bundle. */
export const DEFERRED_ELEMENT_ID = 'explorer-deferred';
/** The global the deferred bundle sets to its exports. */
export const DEFERRED_GLOBAL = 'butterflopsDeferred';

/** The data files the page embeds: the zoo's architecture files and the paper's result CSV. */
export function explorerDataFiles(dataFiles: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(
    [...dataFiles].filter(
      ([path]) => /^data\/architectures\/[^/]+\.(json|ya?ml)$/.test(path) || path === 'data/results/bft-paper.csv',
    ),
  );
}

/** JSON that is safe inside a `<script>` element (`<` escaped, so no `</script>` can end it). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

const STYLE = `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#555;--line:#d0d4da;--accent:#1f5fbf;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 "DejaVu Sans",system-ui,sans-serif;color:var(--ink);background:var(--bg)}
header{padding:.6rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
header h1{margin:0;font-size:1.3rem}header p{margin:.2rem 0 0;color:var(--muted)}
.layout{display:grid;grid-template-columns:300px minmax(0,1fr);gap:1rem;padding:1rem}
#settings{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;align-self:start;position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow:auto;min-width:0}
#settings>summary{font-weight:bold;cursor:pointer;padding:.2rem 0}
fieldset{border:0;border-top:1px solid var(--line);margin:0 0 .5rem;padding:.4rem 0 0}
fieldset.inner{border:0;padding:0}legend{font-weight:bold;padding:0}
.control{display:flex;flex-direction:column;margin:.35rem 0}
.control.check{flex-direction:row;align-items:center;gap:.4rem}
.control small{color:var(--muted);font-size:.8rem}
.control input[type=number],.control select,.control input[type=file]{width:100%;min-width:0}
label{font-size:.9rem}
input,select,button{font:inherit}
input[type=number],select{padding:.2rem .3rem;border:1px solid #9aa3ad;border-radius:4px;background:#fff}
:focus-visible{outline:3px solid var(--accent);outline-offset:1px}
main{min-width:0}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;margin-bottom:1rem;min-width:0}
section h2{font-size:1.05rem;margin:.1rem 0 .5rem}
.current{font-size:1.1rem;font-weight:bold;margin:0 0 .5rem}
#error{background:#fde8e8;border:1px solid #c53030;color:#8b1a1a;padding:.5rem .75rem;border-radius:6px;font-family:"DejaVu Sans Mono",monospace;white-space:pre-wrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;display:flex;flex-direction:column}
.card .label{color:var(--muted);font-size:.85rem}.card output{font-size:1.25rem;font-weight:bold;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.card small{color:var(--muted);font-size:.8rem}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:0 1rem}
.pair>section{margin-bottom:1rem}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:.25rem}
th,td{padding:.15rem .4rem;border-bottom:1px solid #eceef1;text-align:left}
table.numbers td,td.num,th.num{text-align:right}
table.layers th button{background:none;border:0;padding:0;font-weight:bold;cursor:pointer;color:var(--accent)}
#layers{max-height:520px;overflow:auto;max-width:100%}
#layers thead th{position:sticky;top:0;background:#fff;z-index:1}#layers tfoot td,#layers tfoot th{position:sticky;bottom:0;background:#fff;border-top:2px solid var(--line)}
tr.member td.path{padding-left:1.6rem}tr.group td{background:#fafbfc}td.shape{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;white-space:nowrap}
button.toggle{background:none;border:1px solid var(--line);border-radius:3px;padding:0 .3rem;cursor:pointer;color:var(--accent)}
td.path{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;word-break:break-all}
pre.formula{white-space:pre-wrap;word-break:break-word;background:var(--bg);padding:.5rem;border-radius:4px;font-size:.8rem;max-height:220px;overflow:auto}
.table-controls{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:.5rem}
#error,#export-status,#export-reason,.note,header p,.current{overflow-wrap:anywhere}
@media (max-width:900px){.layout{grid-template-columns:minmax(0,1fr);padding:.5rem;gap:.5rem}#settings{position:static;max-height:none}header{padding:.5rem}header p{font-size:.85rem}section{padding:.5rem}}
@media (max-width:480px){.cards{grid-template-columns:repeat(2,minmax(0,1fr));gap:.4rem}.card output{font-size:1.05rem}.card small{display:none}header p{display:none}}
.chart,.chart.vega-embed{display:block;overflow-x:auto;max-width:100%}.chart svg{max-width:100%;height:auto}.busy{color:var(--muted)}
.bounded{max-height:320px;overflow:auto}.bounded td{vertical-align:top}.bounded td.path{min-width:11rem;word-break:normal;overflow-wrap:anywhere}.bounded td.num{white-space:nowrap}p.names{margin:.2rem 0;font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;word-break:break-all}
.stale{opacity:.45}[aria-invalid=true]{border-color:#c53030!important;box-shadow:0 0 0 2px #f5b5b5}.note{color:var(--muted)}.scroll{overflow-x:auto;max-width:100%}
button:disabled{cursor:not-allowed}#export-reason{color:var(--muted)}
#drop-overlay{position:fixed;inset:0;background:rgba(31,95,191,.15);border:4px dashed var(--accent);display:flex;align-items:center;justify-content:center;font-size:1.5rem;pointer-events:none}
#drop-overlay[hidden]{display:none}
`.trim();

/**
 * The page: `scripts` and `dataFiles` (path → text, see `explorerDataFiles`) inlined. The page
 * script is a classic script after the data, so it runs (and paints the first views) while the
 * deferred bundle after it is still being parsed. Throws when the page script contains
 * `</script`, which would end the inline element, or the deferred text is not base64.
 */
export function explorerHtml(scripts: ExplorerScripts, dataFiles: ReadonlyMap<string, string>): string {
  if (/<\/script/i.test(scripts.page)) throw new Error('the explorer script contains "</script" and cannot be inlined');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(scripts.deferredGzipBase64))
    throw new Error('the deferred explorer bundle is not base64 text');
  const files = Object.fromEntries([...dataFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return [
    '<!doctype html>',
    '<html lang="en" data-status="loading">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may leave the page: no connections, scripts only inline (Vega compiles expressions with Function).
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:\">",
    '<title>butterflops explorer</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<div id="app"><noscript>The explorer needs JavaScript.</noscript></div>',
    `<script type="application/json" id="explorer-data">${scriptJson({ files })}</script>`,
    `<script>${scripts.page}</script>`,
    `<script type="application/octet-stream" id="${DEFERRED_ELEMENT_ID}">${scripts.deferredGzipBase64}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
