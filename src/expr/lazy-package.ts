/**
 * Heavy packages the core loads only on first use (mathjs ~0.5 s, yaml, resvg, protobufjs),
 * synchronously.
 * The core may not import `node:module`, and a browser bundle has no `require`, so the entry
 * point provides the loader: `io/node-packages.ts` registers Node's `require` (the CLI, the
 * library entry point and the test setup import it); a bundle registers its static imports.
 */

/** The packages loaded lazily. */
export const LAZY_PACKAGES = ['mathjs', 'yaml', '@resvg/resvg-js', 'protobufjs/light.js'] as const;
export type LazyPackage = (typeof LAZY_PACKAGES)[number];

/** Returns the module object of a package. */
export type PackageLoader = (name: LazyPackage) => unknown;

let loader: PackageLoader | undefined;

/** Sets how lazy packages are loaded (the last call wins). */
export function setPackageLoader(next: PackageLoader): void {
  loader = next;
}

/** The module of `name`, through the registered loader; an Error (a setup bug) when none is registered. */
export function loadPackage<T>(name: LazyPackage): T {
  if (loader === undefined) {
    throw new Error(
      `no package loader registered to load ${name}: import src/io/node-packages.ts (Node) or call setPackageLoader`,
    );
  }
  return loader(name) as T;
}
