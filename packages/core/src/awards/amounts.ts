/** Cash that goes with an award: coefficient × base salary, rounded up to 10,000 đ. */
import { isRealIsoDate, type IsoDate } from '../util/dates';
import { issue, type Issue, BoardValidationError, say } from '../validation/issues';
import { NOMINEE_KIND_LABELS } from '../i18n/messages';
import { AWARD_FORM_IDS, AWARD_FORM_LABELS, type AwardFormId } from './forms';
import { DEFAULT_AWARD_RULES, rulesInForce, type AwardRuleSet } from './rules';
import type { NomineeKind } from './recipients';
import { formatDate } from '../i18n/format';

export interface AwardAmount {
  form: AwardFormId;
  recipient: NomineeKind;
  decisionDate: IsoDate;
  coefficient: number;
  baseSalary: number;
  /** Đồng, rounded up to a multiple of roundUpTo. */
  amount: number;
  /** [the authority, the cash schedule, the base salary], each with its article. */
  sources: string[];
  /** The article that sets this form's coefficient. */
  cashSource: string;
  /** The dates the rules used took effect. */
  ruleDates: { authority: IsoDate; cash: IsoDate; baseSalary: IsoDate };
  /** True only when the authority, the coefficient and the base salary were all checked. */
  verified: boolean;
  /** What was not checked against a published text (for the "not verified" mark). */
  unverified: Array<'authority' | 'coefficient' | 'base-salary'>;
}

/** ceil(coefficient × base / step) × step, in integers (coefficients to 4 decimals). */
export function roundedAward(coefficient: number, baseSalary: number, step: number): number {
  const c = Math.round(coefficient * 10_000);
  const raw = c * baseSalary; // ten-thousandths of a đồng
  const unit = step * 10_000;
  const q = Math.floor(raw / unit);
  return (raw - q * unit > 0 ? q + 1 : q) * step;
}

/** Issues with giving `form` to a `recipient` (unknown form, or not for this kind of recipient). */
export function awardFormIssues(form: AwardFormId, recipient: NomineeKind, rules: AwardRuleSet = DEFAULT_AWARD_RULES): Issue[] {
  if (!(AWARD_FORM_IDS as readonly string[]).includes(form))
    return [issue('awardForm', 'unknown-award-form', `Hình thức khen thưởng "${form}" không có trong quy định`, `Award form "${form}" is not in the rules`)];
  const allowed = rules.authorities.some((a) => a.forms.some((f) => f.form === form && f.recipients.includes(recipient)));
  if (allowed) return [];
  const l = AWARD_FORM_LABELS[form];
  const k = NOMINEE_KIND_LABELS[recipient]!;
  return [issue('awardForm', 'award-not-allowed',
    `${l.vi} không xét tặng cho đối tượng "${k.vi}"`,
    `${l.en} is not awarded to a ${k.en.toLowerCase()}`)];
}

/**
 * The cash for `form` given to a `recipient` by a decision dated `decisionDate`. Throws a
 * BoardValidationError (vi + en) when no rule covers it.
 */
export function awardAmount(
  form: AwardFormId,
  recipient: NomineeKind,
  decisionDate: IsoDate,
  rules: AwardRuleSet = DEFAULT_AWARD_RULES,
): AwardAmount {
  if (typeof decisionDate !== 'string' || !isRealIsoDate(decisionDate)) throw new BoardValidationError([say.invalidDate('decisionDate', decisionDate)]);
  const formIssues = awardFormIssues(form, recipient, rules);
  if (formIssues.length) throw new BoardValidationError(formIssues);
  const r = rulesInForce(rules, decisionDate);
  const allowed = r.authority?.forms.find((f) => f.form === form)?.recipients.includes(recipient) ?? false;
  const coefficient = r.cash?.coefficients[form]?.[recipient];
  if (!r.authority || !allowed || !r.cash || coefficient === undefined || !r.baseSalary) {
    const d = { vi: formatDate(decisionDate, 'vi'), en: formatDate(decisionDate, 'en') };
    throw new BoardValidationError([issue('decisionDate', 'no-award-rules',
      `Chưa có quy định về tiền thưởng cho ${AWARD_FORM_LABELS[form].vi} áp dụng vào ngày ${d.vi}`,
      `No rule sets the cash for ${AWARD_FORM_LABELS[form].en} on ${d.en}`)]);
  }
  const unverified: AwardAmount['unverified'] = [];
  if (!r.authority.checked) unverified.push('authority');
  if (!r.cash.checked?.[form]?.[recipient]) unverified.push('coefficient');
  if (!r.baseSalary.checked) unverified.push('base-salary');
  const cashSource = r.cash.formSources?.[form] ?? r.cash.source;
  return {
    form,
    recipient,
    decisionDate,
    coefficient,
    baseSalary: r.baseSalary.amount,
    amount: roundedAward(coefficient, r.baseSalary.amount, r.cash.roundUpTo),
    sources: [r.authority.source, cashSource, r.baseSalary.source],
    cashSource,
    ruleDates: { authority: r.authority.effectiveFrom, cash: r.cash.effectiveFrom, baseSalary: r.baseSalary.effectiveFrom },
    verified: unverified.length === 0,
    unverified,
  };
}
