/**
 * Postgres `numeric` arithmetic as the rollup SQL does it, reproduced exactly for the loader's own batch aggregates
 * (batch-rollups.ts): the value and the display scale (dscale, the digits after the point that `numeric::text`
 * prints, trailing zeros included), so that a rollup row summed here is byte-for-byte the row the SQL would write.
 * A decimal is a bigint mantissa and a scale: value = mantissa / 10^scale. Amounts in USD.
 */

export interface Scaled {
  mantissa: bigint;
  scale: number;
}

const PLAIN = /^(\d+)(?:\.(\d+))?$/;

/**
 * A non-negative decimal string as numeric_in reads it (its scale is the digits written after the point); null for
 * anything else (a sign, an exponent), which callers treat as "not handled here".
 */
export function parseDecimal(text: string): Scaled | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  return { mantissa: BigInt(m[1] + frac), scale: frac.length };
}

/** numeric::text of mantissa / 10^scale: exactly `scale` digits after the point. */
export function formatScaled(mantissa: bigint, scale: number): string {
  const neg = mantissa < 0n;
  const digits = (neg ? -mantissa : mantissa).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  return `${neg ? '-' : ''}${int}${scale ? `.${digits.slice(digits.length - scale)}` : ''}`;
}

/** mantissa rescaled from `from` to `to` digits (to >= from): the same value. */
export function rescale(mantissa: bigint, from: number, to: number): bigint {
  return to === from ? mantissa : mantissa * pow10n(to - from);
}

const POW10N: bigint[] = [];
function pow10n(k: number): bigint {
  let p = POW10N[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    if (k < 1100) POW10N[k] = p;
  }
  return p;
}

const POW10 = Array.from({ length: 17 }, (_, k) => 10 ** k);

/**
 * The result scale of `x / 1000000` in Postgres (numeric.c select_div_scale), for x = product / 10^scale with
 * `product` a non-negative safe integer: at least 16 significant digits, at least x's own scale. From x's leading
 * base-10000 digit group (weight and value) against the divisor's (1000000 = 100 * 10000^1: weight 1, digit 100).
 * Integer comparisons only (this runs per event): every bound compared is an integer below 2^53 or beyond product.
 */
export function divMillionScale(product: number, scale: number): number {
  let weight = 0;
  let firstAtMost100 = true; // zero: weight 0, leading digit 0
  if (product !== 0) {
    let digits = 1;
    while (digits < 17 && product >= POW10[digits]) digits++;
    const exponent = digits - scale - 1; // decimal exponent of the leading digit
    weight = Math.floor(exponent / 4);
    const groupDigits = exponent - 4 * weight + 1; // 1..4 digits in the leading group
    // The group's value is product * 10^(groupDigits - digits), floored: at most 100 iff below 101. (A product with
    // fewer digits than its group, 0.01 say, reads as 0100.)
    const shift = digits - groupDigits;
    firstAtMost100 = shift >= 0 ? product < 101 * POW10[shift] : product * POW10[-shift] < 101;
  }
  let qweight = weight - 1;
  if (firstAtMost100) qweight--;
  return Math.min(1000, Math.max(16 - 4 * qweight, scale, 0));
}

/**
 * A decimal string with at most `scale` digits after the point as an integer count of 10^-scale, when that is a safe
 * integer; null otherwise (a sign, an exponent, more digits, or too large).
 */
export function parseAtScale(text: string, scale: number): number | null {
  // By hand rather than PLAIN: this runs per event on the load's hot path.
  let int = 0;
  let frac = 0;
  let fracDigits = -1; // -1 until the point
  const n = text.length;
  if (n === 0) return null;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (fracDigits >= 0 || i === 0 || i === n - 1) return null;
      fracDigits = 0;
    } else if (c >= 48 && c <= 57) {
      if (fracDigits < 0) int = int * 10 + (c - 48);
      else {
        frac = frac * 10 + (c - 48);
        fracDigits++;
      }
    } else return null;
  }
  if (fracDigits > scale || n > 30) return null;
  const units = int * POW10[scale] + (fracDigits > 0 ? frac * POW10[scale - fracDigits] : 0);
  // Each term is exact while it is a safe integer (int and frac too, digit by digit): so is their sum when safe.
  return Number.isSafeInteger(int) && Number.isSafeInteger(frac) && Number.isSafeInteger(units) ? units : null;
}
