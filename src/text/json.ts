/**
 * JSON with exact integers: bigint values are written as bare integer literals (never rounded
 * through a double, never quoted). Keys keep insertion order; output ends with a newline.
 */
export function stringifyExact(value: unknown): string {
  const marker = '__exact_bigint__:';
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${marker}${v}` : v), 2);
  return `${text.replace(new RegExp(`"${marker}(-?\\d+)"`, 'g'), '$1')}\n`;
}
