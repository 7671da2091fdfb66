/**
 * `node --import ./test/expr/load-trace.mjs …`: appends the URL of every module the process
 * loads to the file named by LOAD_TRACE_FILE — ES modules through a `load` hook (which runs on
 * the hooks thread, so it writes the file itself) and CommonJS modules from `require.cache`
 * when the process exits. Used by `fast-start.test.ts`.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.LOAD_TRACE_FILE;
if (file) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    let target;
    export function initialize(data) { target = data.file; }
    export async function load(url, context, nextLoad) {
      appendFileSync(target, url + '\\n');
      return nextLoad(url, context);
    }
  `;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { parentURL: import.meta.url, data: { file } });
  process.on('exit', () => {
    const cached = Object.keys(createRequire(import.meta.url).cache).map((path) => pathToFileURL(path).href);
    appendFileSync(file, cached.map((url) => `${url}\n`).join(''));
  });
}
