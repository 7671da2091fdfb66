import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { packageRoot } from './package-root.js';
import { readStructuredFile, type StructuredFile } from './read-structured.js';

/** Folder of the zoo's architecture files. */
export function zooFolder(): string {
  return join(packageRoot(), 'data', 'architectures');
}

/** Model ids of the zoo (file names without extension), sorted. */
export function zooModelIds(): string[] {
  return readdirSync(zooFolder())
    .filter((file) => /\.(json|ya?ml)$/.test(file))
    .map((file) => file.replace(/\.(json|ya?ml)$/, ''))
    .sort();
}

/**
 * Reads a model by zoo id (`mobilenet-v1`) or by path (`./my-net.json`, anything with a slash
 * or an extension). Unknown ids list the zoo.
 */
export function readArchitectureSource(modelOrPath: string): StructuredFile {
  const looksLikePath = /[/\\]/.test(modelOrPath) || /\.(json|ya?ml)$/i.test(modelOrPath);
  if (looksLikePath) return readStructuredFile(modelOrPath);
  for (const extension of ['json', 'yaml', 'yml']) {
    const file = join(zooFolder(), `${modelOrPath}.${extension}`);
    if (existsSync(file)) return readStructuredFile(file);
  }
  throw new UserError(`unknown model "${modelOrPath}"`, {
    expected: `one of ${zooModelIds().join(', ')}, or a path to an architecture file (.json/.yaml)`,
  });
}
