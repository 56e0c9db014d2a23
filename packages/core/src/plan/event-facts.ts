/**
 * The event a plan organises: its date(s), start time and place, from lines such as
 *   "Thời gian: 02 ngày, từ ngày 26/4/2025 đến ngày 27/4/2025"
 *   "Thời gian: 07 giờ 30 phút, ngày 01/9/2025"  /  "- Thời gian: 7h30, ngày 01/9/2025"
 *   "Địa điểm: Hội trường UBND xã Tân Phú."
 * Pure; each fact carries the line it came from (1-based) for the preview.
 */
import { isRealIsoDate, type IsoDate } from '../util/dates';
import { foldKeepPunctuation } from './due-date-phrases';

export interface EventFacts {
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  /** "07:30". */
  startTime: string | null;
  place: string | null;
  lines: { date: number | null; place: number | null };
}

const DATE = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu;

function dates(line: string): IsoDate[] {
  const out: IsoDate[] = [];
  for (const m of line.matchAll(DATE)) {
    const [d, mo, y] = m[1] ? [m[1], m[2]!, m[3]!] : [m[4]!, m[5]!, m[6]!];
    const s = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
    if (isRealIsoDate(s)) out.push(s);
  }
  return out;
}

export function readEventFacts(text: string): EventFacts {
  const out: EventFacts = { startDate: null, endDate: null, startTime: null, place: null, lines: { date: null, place: null } };
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s*[-+•*]\s*/, '').trim();
    const f = foldKeepPunctuation(line);
    if (out.startDate === null && /^thoi gian(?: to chuc)?\s*[:：]/.test(f)) {
      const ds = dates(line);
      if (ds.length) {
        out.startDate = ds[0]!;
        out.endDate = ds[ds.length - 1]!;
        out.lines.date = i + 1;
        const t = /(\d{1,2})\s*(?:gio|h)\s*(?:(\d{1,2})\s*(?:phut|p)?)?/.exec(f);
        if (t && Number(t[1]) < 24) out.startTime = `${t[1]!.padStart(2, '0')}:${(t[2] ?? '0').padStart(2, '0')}`;
      }
    }
    if (out.place === null && /^dia diem(?: to chuc)?\s*[:：]/.test(f)) {
      out.place = line.replace(/^[^:：]*[:：]\s*/, '').replace(/[.;]\s*$/, '').trim() || null;
      out.lines.place = i + 1;
    }
  });
  return out;
}
