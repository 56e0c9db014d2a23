/**
 * Award rules as dated data. A change in the law is a NEW entry with the date it takes effect,
 * never an edit of an old one: a decision dated before the change still gets the old values.
 *
 * What was checked, and where (with the `search` tool's public copies, 2026-12-01). A value
 * whose `checked` note is absent is NOT verified: the app marks its amount "chưa đối chiếu".
 *
 * - Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 3 (in force 2024-01-01): VERIFIED,
 *   wording "Chủ tịch Ủy ban nhân dân cấp xã quyết định tặng danh hiệu “Lao động tiên tiến”,
 *   giấy khen và danh hiệu “Gia đình văn hóa”." — Công báo số 571 + 572 ngày 15-7-2022, tr. 57
 *   (vi.wikisource.org/wiki/Trang:Cong_bao_Chinh_phu_571_572_nam_2022.pdf/56).
 * - Nghị định 98/2023/NĐ-CP (ngày 31/12/2023, in force 2024-01-01):
 *   · Điều 54 is "mức tiền thưởng danh hiệu thi đua" and gives “Lao động tiên tiến” 0,3 lần
 *     mức lương cơ sở: VERIFIED (vietjack.me, Nghị định 98/2023, tóm tắt văn bản: "Điều 54 …
 *     Danh hiệu “Lao động tiên tiến”, “Chiến sĩ tiên tiến” được thưởng 0,3 lần mức lương cơ sở").
 *     So the design's "art. 54" is the article of the emulation TITLES, not of giấy khen.
 *   · Giấy khen 0,15 (cá nhân, hộ gia đình) and 0,3 (tập thể, "gấp hai lần"): NOT VERIFIED
 *     against Decree 98 (its giấy khen article was not found). They are the values of the
 *     decree it replaced, Nghị định 91/2017/NĐ-CP Điều 73 khoản 1 điểm d and khoản 2 điểm b
 *     ("Cá nhân được tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã được kèm theo mức tiền
 *     thưởng 0,15 lần mức lương cơ sở"; "Tập thể … gấp hai lần"), checked on thuvienphapluat.vn
 *     (hỏi đáp 5153C, 5153D).
 *   · “Gia đình văn hóa” 0,1: NOT VERIFIED (no copy of the coefficient was found).
 *   · Rounding up to tens of thousands of đồng: checked only for Nghị định 91/2017 Điều 68
 *     khoản 2 ("được làm tròn số lên hàng chục ngàn đồng", thuvienphapluat.vn hỏi đáp 5153D);
 *     kept for Decree 98 (not verified there).
 * - Nghị định 152/2025/NĐ-CP (in force 2025-07-01) replaced Decree 98's amounts: its Điều 54
 *   khoản 1 điểm e gives an individual's giấy khen of the commune chairman (Luật, Điều 75 khoản 1
 *   điểm đ) 0,3 lần mức lương cơ sở: VERIFIED (Báo Lao Động, tư vấn pháp luật, reprinted on
 *   congdoanvietnam.vn …-9055.tld). Its other coefficients were not found: carried over from
 *   the previous entry (hộ gia đình as cá nhân, tập thể twice cá nhân) and marked NOT VERIFIED.
 * - Mức lương cơ sở: 1.490.000 đ from 2019-07-01 (Nghị định 38/2019/NĐ-CP, VERIFIED on
 *   thuvienphapluat.vn hỏi đáp 5153C); 1.800.000 đ from 2023-07-01 (Nghị định 24/2023/NĐ-CP,
 *   NOT VERIFIED here); 2.340.000 đ from 2024-07-01 (Nghị định 73/2024/NĐ-CP, VERIFIED: cited
 *   as "mức lương cơ sở hiện nay là 2.340.000 đồng/tháng" on congdoanvietnam.vn …-9055.tld).
 */
import type { IsoDate } from '../util/dates';
import type { NomineeKind } from './recipients';
import type { AwardFormId } from './forms';

/** Which forms an authority may award, and to whom (dated). */
export interface AuthorityEntry {
  effectiveFrom: IsoDate;
  source: string;
  /** Where the text was checked; absent = not verified. */
  checked?: string;
  /** The commune chairman's forms and the recipient kinds each applies to. */
  forms: Array<{ form: AwardFormId; recipients: NomineeKind[] }>;
}

/** Cash as a coefficient of the base salary, per form and recipient kind (dated). */
export interface CashScheduleEntry {
  effectiveFrom: IsoDate;
  source: string;
  /** Amounts are rounded UP to a multiple of this many đồng. */
  roundUpTo: number;
  /** Coefficients with at most 4 decimals (computed in integer ten-thousandths). */
  coefficients: Partial<Record<AwardFormId, Partial<Record<NomineeKind, number>>>>;
  /** The article of each form's coefficient, when it differs from `source`. */
  formSources?: Partial<Record<AwardFormId, string>>;
  /** Where each coefficient was checked; a coefficient without a note is not verified. */
  checked?: Partial<Record<AwardFormId, Partial<Record<NomineeKind, string>>>>;
}

export interface BaseSalaryEntry {
  effectiveFrom: IsoDate;
  /** Mức lương cơ sở, đồng per month. */
  amount: number;
  source: string;
  /** Where the amount was checked; absent = not verified. */
  checked?: string;
}

export interface AwardRuleSet {
  authorities: AuthorityEntry[];
  cashSchedules: CashScheduleEntry[];
  baseSalaries: BaseSalaryEntry[];
}

export const DEFAULT_AWARD_RULES: AwardRuleSet = {
  authorities: [
    {
      effectiveFrom: '2024-01-01',
      source: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3',
      checked: 'Công báo số 571 + 572 ngày 15-7-2022, tr. 57 (vi.wikisource.org)',
      forms: [
        { form: 'giay-khen', recipients: ['individual', 'collective', 'household'] },
        { form: 'lao-dong-tien-tien', recipients: ['individual'] },
        { form: 'gia-dinh-van-hoa', recipients: ['household'] },
      ],
    },
  ],
  cashSchedules: [
    {
      effectiveFrom: '2024-01-01',
      source: 'Nghị định 98/2023/NĐ-CP (hệ số × mức lương cơ sở)',
      roundUpTo: 10_000,
      coefficients: {
        'giay-khen': { individual: 0.15, household: 0.15, collective: 0.3 },
        'lao-dong-tien-tien': { individual: 0.3 },
        'gia-dinh-van-hoa': { household: 0.1 },
      },
      formSources: {
        'lao-dong-tien-tien': 'Nghị định 98/2023/NĐ-CP, Điều 54',
        'giay-khen': 'Nghị định 98/2023/NĐ-CP (điều về giấy khen chưa đối chiếu)',
        'gia-dinh-van-hoa': 'Nghị định 98/2023/NĐ-CP (chưa đối chiếu)',
      },
      checked: {
        'lao-dong-tien-tien': { individual: 'vietjack.me, Nghị định 98/2023/NĐ-CP, Điều 54 ("Lao động tiên tiến" 0,3 lần mức lương cơ sở)' },
      },
    },
    {
      effectiveFrom: '2025-07-01',
      source: 'Nghị định 152/2025/NĐ-CP (hệ số × mức lương cơ sở)',
      roundUpTo: 10_000,
      coefficients: {
        'giay-khen': { individual: 0.3, household: 0.3, collective: 0.6 },
        'lao-dong-tien-tien': { individual: 0.3 },
        'gia-dinh-van-hoa': { household: 0.1 },
      },
      formSources: {
        'giay-khen': 'Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1 điểm e',
        'lao-dong-tien-tien': 'Nghị định 152/2025/NĐ-CP (chưa đối chiếu; giữ hệ số của Nghị định 98/2023)',
        'gia-dinh-van-hoa': 'Nghị định 152/2025/NĐ-CP (chưa đối chiếu; giữ hệ số của Nghị định 98/2023)',
      },
      checked: {
        'giay-khen': { individual: 'Báo Lao Động, tư vấn pháp luật (congdoanvietnam.vn): Nghị định 152/2025/NĐ-CP Điều 54 khoản 1 điểm e, 0,3 lần mức lương cơ sở' },
      },
    },
  ],
  baseSalaries: [
    { effectiveFrom: '2019-07-01', amount: 1_490_000, source: 'Nghị định 38/2019/NĐ-CP', checked: 'thuvienphapluat.vn hỏi đáp 5153C' },
    { effectiveFrom: '2023-07-01', amount: 1_800_000, source: 'Nghị định 24/2023/NĐ-CP' },
    { effectiveFrom: '2024-07-01', amount: 2_340_000, source: 'Nghị định 73/2024/NĐ-CP', checked: 'congdoanvietnam.vn (Báo Lao Động): "mức lương cơ sở hiện nay là 2.340.000 đồng/tháng"' },
  ],
};

/** The entry in force on `date`: the latest whose effectiveFrom is on or before it. */
export function entryInForce<T extends { effectiveFrom: IsoDate }>(entries: readonly T[], date: IsoDate): T | null {
  let best: T | null = null;
  for (const e of entries) if (e.effectiveFrom <= date && (!best || e.effectiveFrom >= best.effectiveFrom)) best = e;
  return best;
}

export interface RulesInForce {
  date: IsoDate;
  authority: AuthorityEntry | null;
  cash: CashScheduleEntry | null;
  baseSalary: BaseSalaryEntry | null;
}

/** The rules in force on a decision date. */
export function rulesInForce(rules: AwardRuleSet, decisionDate: IsoDate): RulesInForce {
  return {
    date: decisionDate,
    authority: entryInForce(rules.authorities, decisionDate),
    cash: entryInForce(rules.cashSchedules, decisionDate),
    baseSalary: entryInForce(rules.baseSalaries, decisionDate),
  };
}

/** A rule set with more entries (e.g. a new decree); the old entries stay. */
export function withEntries(rules: AwardRuleSet, more: Partial<AwardRuleSet>): AwardRuleSet {
  return {
    authorities: [...rules.authorities, ...(more.authorities ?? [])],
    cashSchedules: [...rules.cashSchedules, ...(more.cashSchedules ?? [])],
    baseSalaries: [...rules.baseSalaries, ...(more.baseSalaries ?? [])],
  };
}
