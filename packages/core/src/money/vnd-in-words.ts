/**
 * Amounts in Vietnamese words, as written on a budget estimate or a decision ("Bằng chữ: …").
 *
 * Rules (the way accountants and the state treasury write them):
 * - the number is read in groups of three digits: đơn vị, nghìn, triệu, tỷ, then nghìn tỷ,
 *   triệu tỷ (tỷ repeats); a group that is all zeros is left out (1.000.000 → "một triệu");
 * - a group after the first says its hundreds even when they are zero ("không trăm"):
 *   1.050.000 → "một triệu không trăm năm mươi nghìn";
 * - a zero ten before a unit is "linh": 105 → "một trăm linh năm", 2.005 → "hai nghìn không
 *   trăm linh năm";
 * - 10–19 are "mười …"; from 20 the tens are "… mươi";
 * - a one after "… mươi" is "mốt" (21 → "hai mươi mốt"; but 11 → "mười một", 101 → "một trăm
 *   linh một"); a five after a ten is "lăm" (15 → "mười lăm", 25 → "hai mươi lăm"; but 105 →
 *   "một trăm linh năm"); a four after "… mươi" is "tư" (24 → "hai mươi tư"; but 14 → "mười
 *   bốn", 104 → "một trăm linh bốn").
 * The phrase starts with a capital letter and ends with "đồng": 1.250.000 → "Một triệu hai
 * trăm năm mươi nghìn đồng". Zero is "Không đồng".
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
/** Names of the groups of three digits, from the lowest; tỷ repeats above it. */
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'] as const;

/** The largest amount read: 999.999.999.999.999.999 would exceed a safe integer, so below 2^53. */
export const MAX_AMOUNT_IN_WORDS = Number.MAX_SAFE_INTEGER;

/** Words of a group of three digits (0–999). `full`: say "không trăm" / "linh" as a non-leading group does. */
function groupWords(n: number, full: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const out: string[] = [];
  if (hundreds > 0 || full) out.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0 && out.length > 0) out.push('linh');
  } else if (tens === 1) {
    out.push('mười');
  } else {
    out.push(DIGITS[tens]!, 'mươi');
  }
  if (units > 0) {
    if (units === 1 && tens >= 2) out.push('mốt');
    else if (units === 5 && tens >= 1) out.push('lăm');
    else if (units === 4 && tens >= 2) out.push('tư');
    else out.push(DIGITS[units]!);
  }
  return out;
}

/**
 * A whole number in Vietnamese words, lower case: 1250000 → "một triệu hai trăm năm mươi nghìn".
 * Throws a RangeError (saying what was wrong) for a negative, fractional or too large number.
 */
export function numberInWords(n: number): string {
  if (!Number.isFinite(n) || !Number.isInteger(n))
    throw new RangeError(`Only whole numbers can be written in words (got ${n}); round the amount to whole đồng first.`);
  if (n < 0) throw new RangeError(`A negative amount (${n}) cannot be written in words; write the sign separately.`);
  if (n > MAX_AMOUNT_IN_WORDS) throw new RangeError(`${n} is too large to be written in words (the limit is ${MAX_AMOUNT_IN_WORDS}).`);
  if (n === 0) return DIGITS[0];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    const leading = i === groups.length - 1;
    words.push(...groupWords(g, !leading));
    if (GROUPS[i]) words.push(GROUPS[i]!);
  }
  return words.join(' ');
}

/** An amount of đồng in words, capitalised: 1250000 → "Một triệu hai trăm năm mươi nghìn đồng". */
export function vndInWords(amount: number): string {
  const w = `${numberInWords(amount)} đồng`;
  return w.charAt(0).toUpperCase() + w.slice(1);
}
