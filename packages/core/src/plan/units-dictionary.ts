/**
 * How plans name the units of a commune People's Committee. Matching folds case, diacritics
 * ("hoá"/"hóa") and dashes ("-", "–") away, so "Tài chính – Kế toán" and "tài chính - kế toán"
 * are the same unit.
 */
import { foldVietnamese } from '../util/text';

export interface UnitAlias {
  id: string;
  nameVi: string;
  nameEn: string;
  /** Phrases that name this unit in a plan (any spelling; folded before matching). */
  aliases: string[];
}

/** The five columns of the Bình An board (DESIGN.md "Who uses it"). */
export const BINH_AN_UNITS: UnitAlias[] = [
  {
    id: 'office-statistics',
    nameVi: 'Văn phòng – Thống kê',
    nameEn: 'Office – Statistics',
    aliases: ['văn phòng - thống kê', 'văn phòng thống kê', 'văn phòng UBND', 'văn phòng ủy ban'],
  },
  {
    id: 'finance',
    nameVi: 'Tài chính – Kế toán',
    nameEn: 'Finance – Accounting',
    aliases: ['tài chính - kế toán', 'tài chính kế toán', 'kế toán ngân sách'],
  },
  {
    id: 'culture-society',
    nameVi: 'Văn hóa – Xã hội',
    nameEn: 'Culture – Society',
    aliases: ['văn hóa - xã hội', 'văn hoá xã hội', 'bộ phận văn hoá xã', 'văn hóa xã', 'văn hóa thông tin'],
  },
  {
    id: 'council',
    nameVi: 'Hội đồng Thi đua – Khen thưởng',
    nameEn: 'Emulation and Commendation Council',
    aliases: ['hội đồng thi đua - khen thưởng', 'hội đồng thi đua khen thưởng', 'hội đồng TĐ-KT', 'hội đồng TĐKT'],
  },
  {
    id: 'front',
    nameVi: 'UBMTTQVN và các tổ chức chính trị – xã hội',
    nameEn: 'Fatherland Front and socio-political organisations',
    aliases: ['UBMTTQVN', 'UBMTTQ', 'MTTQVN', 'MTTQ', 'ủy ban mặt trận tổ quốc', 'mặt trận tổ quốc', 'mặt trận và các tổ chức chính trị'],
  },
];

export interface UnitMatch {
  id: string;
  /** Index in the folded text where the first alias was found. */
  at: number;
}

/**
 * The unit named earliest in `text`, or null. Where two names start at the same place, the
 * longer one is the more specific and wins ("Ủy ban MTTQ" over "MTTQ" of another unit).
 */
export function findUnitMention(text: string, dictionary: readonly UnitAlias[]): UnitMatch | null {
  const hay = ` ${foldVietnamese(text)} `;
  let best: (UnitMatch & { length: number }) | null = null;
  for (const u of dictionary) {
    for (const a of [u.nameVi, ...u.aliases]) {
      const needle = ` ${foldVietnamese(a)} `;
      if (needle.trim() === '') continue;
      const at = hay.indexOf(needle);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && needle.length > best.length)) best = { id: u.id, at, length: needle.length };
    }
  }
  return best ? { id: best.id, at: best.at } : null;
}
