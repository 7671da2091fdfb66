/**
 * Shell-style globs over layer and tensor names: `*` matches any run of characters (slashes and
 * dots included, so `layer1*` matches `layer1/unit1/conv1` and `layer1.0.conv1.weight`), `?`
 * exactly one character; every other character matches itself. A glob matches a whole name.
 */

/** The regular expression of a glob (anchored at both ends). O(glob length). */
export function globPattern(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

/**
 * Whether `glob` matches `name` as a whole.
 * Example: globMatches('features.*', 'features.3.conv.0.weight') = true; globMatches('fc', 'fc/Gemm') = false.
 */
export function globMatches(glob: string, name: string): boolean {
  return globPattern(glob).test(name);
}
