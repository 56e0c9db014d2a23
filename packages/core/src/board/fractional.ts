/**
 * Fractional indexing: order keys are strings compared by plain `<`, and a new key can always
 * be made between two others without touching them. Digits are base 62 in ASCII order
 * (0-9 < A-Z < a-z); a key is read as the fraction 0.<digits> and never ends in "0".
 * Two people inserting at the same spot may get equal keys; readers break the tie by card id,
 * so every replica shows the same order.
 */

export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while (n < b.length && (a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a ? DIGITS.indexOf(a[0]!) : 0;
  const db = b !== null ? DIGITS.indexOf(b[0]!) : BASE;
  if (db - da > 1) return DIGITS[Math.floor((da + db) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[da]! + midpoint(a.slice(1), null);
}

export function isOrderKey(key: string): boolean {
  return key.length > 0 && !key.endsWith('0') && [...key].every((c) => DIGITS.includes(c));
}

/** A key strictly between a and b (null = open end). Requires a < b. */
export function keyBetween(a: string | null, b: string | null): string {
  const lo = a ?? '';
  if (b !== null && lo >= b) throw new RangeError(`keyBetween: ${lo} >= ${b}`);
  return midpoint(lo, b);
}

/** n keys, ascending, strictly between a and b, spread evenly (short keys). */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return [];
  const mid = keyBetween(a, b);
  const left = keysBetween(a, mid, Math.floor((n - 1) / 2));
  const right = keysBetween(mid, b, n - 1 - left.length);
  return [...left, mid, ...right];
}

/** Compare two items by order key, then id (the deterministic tie-break). */
export function byOrderThenId(x: { order: string; id: string }, y: { order: string; id: string }): number {
  if (x.order !== y.order) return x.order < y.order ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}
