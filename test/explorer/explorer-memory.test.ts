/**
 * The explorer keeps no weights of a dropped ONNX file (issue 25 item 6): after three transformer
 * files with their weights (ViT-Ti/16, ViT-S/16, ConvNeXt-T: 23 + 88 + 114 MB, made here from the
 * graph-only fixtures) and a switch back to a zoo model, the page's JS heap — V8's heap plus the
 * ArrayBuffers' backing stores, which hold file bytes — is under 150 MB after a forced garbage
 * collection. Before the weights were released it was ≈ 258 MB (29 + 226 MB of backing stores).
 * The export still rewrites the file with its weights: it reads the file again.
 *
 * Oracle for the export: `exportModel` on the file read whole, as `butterflops export` reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { fusionFrom, parameterField } from '../../src/cli/model-options.js';
import { exportModel } from '../../src/export/export-model.js';
import { DEFAULT_EXPORT_OPTIONS } from '../../src/export/export-network.js';
import { fileModelSource } from '../../src/io/file-model-source.js';
import { countedHash, openExplorer, settled, type ExplorerHarness } from './explorer-page.js';
import { withFilledWeights } from './filled-weights.js';

const FILES = ['vit_ti_16', 'vit_s_16', 'convnext_tiny'] as const;
const HEAP_LIMIT_BYTES = 150 * 2 ** 20;

let explorer: ExplorerHarness;
let page: Page;

beforeAll(async () => {
  explorer = await openExplorer();
  for (const name of FILES) {
    const fixture = readFileSync(join('test', 'fixtures', 'onnx-transformers', `${name}.onnx`));
    writeFileSync(join(explorer.folder, `${name}.onnx`), withFilledWeights(fixture));
  }
  page = await explorer.newPage();
}, 120_000);

afterAll(async () => {
  await explorer?.close();
});

/** The page's JS heap after a full garbage collection: V8's heap and the ArrayBuffers' backing stores, in bytes. */
async function heapBytes(): Promise<{ v8: number; backingStores: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  if (usage.backingStorageSize === undefined) throw new Error('this Chromium reports no backingStorageSize');
  return { v8: usage.usedSize, backingStores: usage.backingStorageSize };
}

describe('explorer memory (Chromium)', () => {
  it('three transformer files with their weights, then a zoo model: the heap stays under 150 MB; the export reads the file again', async () => {
    await page.goto(`${explorer.pageUrl}#model=mobilenet-v1`);
    await settled(page, 'model=mobilenet-v1');
    const sizes = FILES.map((name) => readFileSync(join(explorer.folder, `${name}.onnx`)).length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeGreaterThan(HEAP_LIMIT_BYTES); // would not fit if kept
    for (const name of FILES) {
      await page.setInputFiles('#file', join(explorer.folder, `${name}.onnx`));
      await settled(page, `model=file%3A${name}.onnx`);
      expect(await page.isHidden('#error')).toBe(true);
    }
    await page.getByLabel('Model', { exact: true }).selectOption('mobilenet-v1');
    await settled(page, 'model=mobilenet-v1');
    const heap = await heapBytes();
    expect(heap.v8 + heap.backingStores).toBeLessThan(HEAP_LIMIT_BYTES);

    // The first file again, under BFT: its export rewrites the file read whole again.
    await page.getByLabel('Model', { exact: true }).selectOption('file:vit_ti_16.onnx');
    await page.getByLabel('Fusion', { exact: true }).selectOption('bft');
    await countedHash(page, 'model=file%3Avit_ti_16.onnx&fusion=bft');
    expect(await page.isDisabled('#export-onnx')).toBe(false);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-onnx')]);
    const saved = join(explorer.folder, 'downloaded.onnx');
    await download.saveAs(saved);
    const path = join(explorer.folder, 'vit_ti_16.onnx');
    const cli = exportModel(
      {
        model: fileModelSource({ onnxWeights: true }).resolve(path),
        parameters: {},
        fusion: fusionFrom({ fusion: 'bft' }),
        parameterField,
      },
      DEFAULT_EXPORT_OPTIONS,
    );
    expect(cli.rewritten).toBe(true);
    expect(readFileSync(saved).equals(cli.exported.bytes)).toBe(true);

    // The file changed on disk since it was dropped: the export asks for it again, exports nothing.
    writeFileSync(path, readFileSync(join(explorer.folder, 'vit_s_16.onnx')));
    await page.click('#export-onnx');
    await page.waitForFunction(() => !(document.getElementById('error')?.hidden ?? true));
    expect(await page.textContent('#error')).toMatch(
      /^butterflops: vit_ti_16\.onnx: the file (can no longer be read|has changed)/,
    );
    expect(await page.textContent('#error')).toContain('expected the same file dropped on the page again');
    expect(explorer.consoleErrors).toEqual([]);
    expect(explorer.blocked).toEqual([]);
  }, 120_000);
});
