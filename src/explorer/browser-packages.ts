/**
 * The page's loader of the core's lazy packages (see `expr/lazy-package.ts`): the page's script
 * has no Node `require`. yaml is bundled with the page (every model file is parsed with it).
 * mathjs, vega-embed and protobufjs come in the deferred bundle (`deferred-packages.ts`), stored
 * in the page gzip-compressed and base64-encoded in `<script id="explorer-deferred">`, and evaluated by
 * {@link loadDeferredPackages} once the first views are painted, so the page neither parses nor
 * evaluates them before. resvg (PNG rendering) is native and not in the page.
 */
import * as yaml from 'yaml';
import type * as Mathjs from 'mathjs';
import type Protobuf from 'protobufjs/light.js';
import type { default as Embed } from 'vega-embed';
import { setPackageLoader } from '../expr/lazy-package.js';
import { DEFERRED_ELEMENT_ID, DEFERRED_GLOBAL } from '../report/explorer-html.js';

/** What the deferred bundle exports. */
export interface DeferredPackages {
  readonly mathjs: typeof Mathjs;
  readonly embed: typeof Embed;
  readonly protobuf: typeof Protobuf;
}

let loaded: DeferredPackages | undefined;
let loading: Promise<DeferredPackages> | undefined;
let failure: string | undefined;

/**
 * The deferred packages; an Error (a page bug, or a damaged page) when {@link loadDeferredPackages}
 * has not finished or failed, saying why.
 */
export function deferredPackages(): DeferredPackages {
  if (loaded !== undefined) return loaded;
  throw new Error(
    failure === undefined
      ? 'the deferred packages (mathjs, Vega) are used before they are loaded'
      : `the deferred packages (mathjs, Vega) could not be loaded: ${failure}`,
  );
}

/**
 * Decompresses and evaluates the deferred bundle (once; later calls share the first). Waits
 * for the document to be parsed, since the bundle's element comes after the page's script.
 */
export function loadDeferredPackages(): Promise<DeferredPackages> {
  loading ??= (async () => {
    if (document.readyState === 'loading')
      await new Promise((done) => document.addEventListener('DOMContentLoaded', done, { once: true }));
    const base64 = document.getElementById(DEFERRED_ELEMENT_ID)?.textContent ?? '';
    const bytes = Uint8Array.from(atob(base64.trim()), (c) => c.charCodeAt(0));
    const code = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
    // The page's CSP allows eval-like compilation (Vega compiles its expressions the same way).
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the deferred bundle is our own code, shipped inside the page
    const evaluate = new Function(`${code}\nreturn ${DEFERRED_GLOBAL};`) as () => DeferredPackages;
    loaded = evaluate();
    return loaded;
  })();
  loading.catch((error: unknown) => {
    failure = error instanceof Error ? error.message : String(error);
  });
  return loading;
}

setPackageLoader((name) => {
  switch (name) {
    case 'yaml':
      return yaml;
    case 'mathjs':
      return deferredPackages().mathjs;
    case 'protobufjs/light.js':
      return deferredPackages().protobuf;
    default:
      throw new Error(`${name} is not available in the explorer page`);
  }
});

/** Marker export, so that the import reads as intended. */
export const BROWSER_PACKAGES = true;
