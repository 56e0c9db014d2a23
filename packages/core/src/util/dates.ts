/**
 * Calendar dates as the board stores them: ISO strings `yyyy-mm-dd` that name a day in
 * Vietnam. Times (createdAt, updatedAt) are full ISO instants in UTC.
 *
 * Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year and has had no daylight saving since 1975, so
 * "today in Vietnam" is computed with a fixed offset instead of Intl time-zone data (which a
 * small browser or Lambda build may lack). A due date "2025-03-10" is overdue from
 * 2025-03-11 00:00 in Vietnam (= 2025-03-10T17:00:00Z).
 */

export type IsoDate = string;

export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is `yyyy-mm-dd` and names a day that exists (2025-02-29 does not). */
export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day number (days since 1970-01-01) of an ISO calendar date. */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The calendar date in Vietnam at instant `now`. */
export function vietnamDate(now: Date | string): IsoDate {
  const t = toDate(now).getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Last day of quarter `q` (1..4) of `year`. */
export function quarterEnd(year: number, quarter: number): IsoDate {
  const month = quarter * 3;
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** True when `value` is a Date or string that denotes a real instant. */
export function isValidInstant(value: unknown): value is Date | string {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (typeof value !== 'string') return false;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return false;
  if (!isRealIsoDate(value.slice(0, 10))) return false;
  return !Number.isNaN(new Date(value).getTime());
}

export function toIsoInstant(value: Date | string): string {
  return toDate(value).toISOString();
}
