/**
 * The explorer page for browser tests: built once per test file from the current sources
 * (`bundleExplorerScripts` + `explorerHtml`) into a temporary folder, opened from disk in Debian's
 * Chromium (playwright-core, one launch per file). Every page of it records what the page must
 * never do: a request outside its own file (refused), a console error, an uncaught exception.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bundleExplorerScripts } from '../../src/io/explorer-bundle.js';
import { readDataFiles } from '../../src/io/read-data-files.js';
import { explorerDataFiles, explorerHtml, type ExplorerScripts } from '../../src/report/explorer-html.js';
import { launchChromium } from '../../bench/chromium.js';

/** The built page, the browser, and what every page opened through it did that it must not. */
export interface ExplorerHarness {
  /** The test file's temporary folder (the page, downloads, generated files). */
  readonly folder: string;
  readonly pageUrl: string;
  readonly scripts: ExplorerScripts;
  readonly browser: Browser;
  /** Requests outside the page's file (each refused). */
  readonly blocked: string[];
  /** Console errors and uncaught exceptions. */
  readonly consoleErrors: string[];
  /** A new page in a new context (its own renderer), recording into `blocked` and `consoleErrors`. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Closes the browser and removes the folder. */
  close(): Promise<void>;
}

/** Builds the page and launches the browser (≈ 1 s). */
export async function openExplorer(): Promise<ExplorerHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-explorer-'));
  const file = join(folder, 'explorer.html');
  const scripts = await bundleExplorerScripts();
  writeFileSync(file, explorerHtml(scripts, explorerDataFiles(readDataFiles('data'))));
  const pageUrl = pathToFileURL(file).href;
  const browser = await launchChromium();
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  const watch = async (context: BrowserContext) => {
    await context.route(
      (url) => url.protocol !== 'file:' || !url.href.startsWith(pageUrl),
      async (route) => {
        blocked.push(route.request().url());
        await route.abort();
      },
    );
  };
  return {
    folder,
    pageUrl,
    scripts,
    browser,
    blocked,
    consoleErrors,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport });
      await watch(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return page;
    },
    async close() {
      await browser.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Waits until `page` shows the totals of `hash` (`<html data-counted>`). */
export async function countedHash(page: Page, hash: string): Promise<void> {
  await page.waitForFunction((expected) => document.documentElement.dataset['counted'] === expected, hash, {
    timeout: 60_000,
  });
}

/** Waits until every view of the shown configuration is drawn (`<html data-status>` ready or error). */
export async function allDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ['ready', 'error'].includes(document.documentElement.dataset['status'] ?? ''),
    null,
    { timeout: 120_000 },
  );
}

/** Waits until `page` shows `hash` with every view drawn. */
export async function settled(page: Page, hash: string): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      document.documentElement.dataset['counted'] === expected &&
      ['ready', 'error'].includes(document.documentElement.dataset['status'] ?? ''),
    hash,
    { timeout: 120_000 },
  );
}
