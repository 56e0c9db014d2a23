/**
 * Award rules as dated data. A change in the law is a NEW entry with the date it takes effect,
 * never an edit of an old one: a decision dated before the change still gets the old values.
 *
 * Sources (checked against the published texts where noted; see the notes on each entry):
 * - Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 3 (in force 2024-01-01):
 *   "Chủ tịch Ủy ban nhân dân cấp xã quyết định tặng danh hiệu 'Lao động tiên tiến', giấy khen
 *   và danh hiệu 'Gia đình văn hóa'." (wording checked against Công báo 571+572/2022.)
 * - Nghị định 98/2023/NĐ-CP (in force 2024-01-01), mức tiền thưởng theo hệ số × mức lương cơ sở,
 *   làm tròn lên hàng chục nghìn đồng; tập thể được thưởng gấp hai lần cá nhân đối với giấy khen.
 *   The article number (54, as the design cites it) and the coefficients below are from memory
 *   and could not be checked offline: giấy khen 0,15 (cá nhân), 0,3 (tập thể), hộ gia đình như
 *   cá nhân; "Lao động tiên tiến" 0,3; "Gia đình văn hóa" 0,1. Verify against the decree text
 *   before an amount is paid; correcting one is a data change here, not a code change.
 * - Mức lương cơ sở: 1.490.000 đ from 2019-07-01 (Nghị định 38/2019/NĐ-CP), 1.800.000 đ from
 *   2023-07-01 (Nghị định 24/2023/NĐ-CP), 2.340.000 đ from 2024-07-01 (Nghị định 73/2024/NĐ-CP).
 */
import type { IsoDate } from '../util/dates';
import type { NomineeKind } from '../board/schema';
import type { AwardFormId } from './forms';

/** Which forms an authority may award, and to whom (dated). */
export interface AuthorityEntry {
  effectiveFrom: IsoDate;
  source: string;
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
}

export interface BaseSalaryEntry {
  effectiveFrom: IsoDate;
  /** Mức lương cơ sở, đồng per month. */
  amount: number;
  source: string;
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
      source: 'Nghị định 98/2023/NĐ-CP, Điều 54 (hệ số × mức lương cơ sở)',
      roundUpTo: 10_000,
      coefficients: {
        'giay-khen': { individual: 0.15, household: 0.15, collective: 0.3 },
        'lao-dong-tien-tien': { individual: 0.3 },
        'gia-dinh-van-hoa': { household: 0.1 },
      },
    },
  ],
  baseSalaries: [
    { effectiveFrom: '2019-07-01', amount: 1_490_000, source: 'Nghị định 38/2019/NĐ-CP' },
    { effectiveFrom: '2023-07-01', amount: 1_800_000, source: 'Nghị định 24/2023/NĐ-CP' },
    { effectiveFrom: '2024-07-01', amount: 2_340_000, source: 'Nghị định 73/2024/NĐ-CP' },
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
