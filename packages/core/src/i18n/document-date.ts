/**
 * Dates as an administrative document writes them (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục
 * II.5): "ngày 05 tháng 3 năm 2025" — a day below 10 and the months 1 and 2 get a leading 0
 * ("ngày 01 tháng 02 năm 2025"), other months do not.
 */
import { isRealIsoDate, type IsoDate } from '../util/dates';

function parts(date: IsoDate): { y: number; m: number; d: number } {
  if (!isRealIsoDate(date)) throw new RangeError(`"${date}" is not a date (write it as yyyy-mm-dd)`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** "ngày 05 tháng 3 năm 2025". */
export function documentDate(date: IsoDate): string {
  const { y, m, d } = parts(date);
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** "Bình An, ngày 05 tháng 3 năm 2025" (the place is the commune's name). */
export function placeAndDocumentDate(place: string, date: IsoDate): string {
  return `${place}, ${documentDate(date)}`;
}
