/**
 * Number formatting for human-facing outputs. Machine formats (JSON, CSV) carry exact integers
 * instead. All functions are pure and locale-independent (byte-stable output).
 */

/** 569003000 → "569,003,000". */
export function withThousands(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/** Decimal SI prefixes, smallest first: k = 10^3 … E = 10^18. */
const SUFFIXES: readonly (readonly [bigint, string])[] = [
  [10n ** 3n, 'k'],
  [10n ** 6n, 'M'],
  [10n ** 9n, 'G'],
  [10n ** 12n, 'T'],
  [10n ** 15n, 'P'],
  [10n ** 18n, 'E'],
];

/**
 * Compact with a decimal SI suffix (k, M, G, T, P, E) and `digits` decimals, exact (no float
 * rounding of the bigint), rounded half away from zero: 568740352 → "568.74M"; 4231976 →
 * "4.23M"; 999 → "999"; 999999 → "1.00M" (the unit is chosen after rounding, never "1000.00k");
 * 2·10^18 → "2.00E". Past E the number keeps the E suffix ("12345.00E"). O(number of digits).
 */
export function withSuffix(value: bigint, digits = 2): string {
  const magnitude = value < 0n ? -value : value;
  for (let i = SUFFIXES.length - 1; i >= 0; i--) {
    const [scale, suffix] = SUFFIXES[i] ?? [1n, ''];
    if (magnitude >= scale) return `${decimal(value, scale, digits)}${suffix}`;
    // Just below this unit, the next one down can round up to 1000 of it: use this unit then.
    const lower = SUFFIXES[i - 1]?.[0] ?? 1n;
    if (magnitude >= lower && decimal(magnitude, lower, digits).startsWith('1000'))
      return `${decimal(value, scale, digits)}${suffix}`;
  }
  return value.toString();
}

/** value / scale as a decimal string with `digits` decimals, rounded half away from zero. */
export function decimal(value: bigint, scale: bigint, digits: number): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const factor = 10n ** BigInt(digits);
  const scaled = (magnitude * factor * 2n + scale) / (2n * scale);
  const whole = scaled / factor;
  const fraction = (scaled % factor).toString().padStart(digits, '0');
  const text = digits > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative ? `-${text}` : text;
}

/** part / whole as a percentage with `digits` decimals ("95.03"); "0.00" when whole is 0. */
export function percent(part: bigint, whole: bigint, digits = 2): string {
  if (whole === 0n) return decimal(0n, 1n, digits);
  return decimal(part * 100n, whole, digits);
}

/** An exact count in millions without trailing zeros: 13570496n → "13.570496", 14000000n → "14". */
export function exactMillions(value: bigint): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / 1_000_000n;
  const fraction = (magnitude % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}
