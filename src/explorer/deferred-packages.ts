/**
 * Entry of the explorer page's deferred bundle: the packages the first views do not need —
 * mathjs (the formula view and the equal-cost search), vega-embed with Vega and Vega-Lite (the
 * charts), two thirds of the page's code, and protobufjs (reading a dropped ONNX file). `io/explorer-bundle.ts` bundles this file on its own
 * (an IIFE that sets the global `DEFERRED_GLOBAL` of `report/explorer-html.ts`) and the page stores it gzip-compressed; the page
 * evaluates it after the first views are painted (`browser-packages.ts`).
 */
import * as mathjs from 'mathjs';
import protobuf from 'protobufjs/light.js';
import embed from 'vega-embed';

export { embed, mathjs, protobuf };
