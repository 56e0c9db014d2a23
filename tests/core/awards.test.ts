import { describe, expect, it } from 'vitest';
import {
  awardAmount, rulesInForce, withEntries, DEFAULT_AWARD_RULES, BoardValidationError, roundedAward,
} from '../../packages/core/src/index';

// Hand computations: amount = ceil(coefficient × base salary / 10,000) × 10,000.
//   base 1,800,000 (from 2023-07-01)          base 2,340,000 (from 2024-07-01)
//   giấy khen, cá nhân    0.15 → 270,000      0.15 × 2,340,000 = 351,000 → 360,000
//   giấy khen, hộ GĐ      0.15 → 270,000      351,000 → 360,000
//   giấy khen, tập thể    0.30 → 540,000      702,000 → 710,000
//   Lao động tiên tiến    0.30 → 540,000      702,000 → 710,000
//   Gia đình văn hóa      0.10 → 180,000      234,000 → 240,000
const BEFORE = '2024-06-30';
const AFTER = '2025-02-20';

describe('award amounts', () => {
  it.each([
    ['giay-khen', 'individual', BEFORE, 270_000],
    ['giay-khen', 'individual', AFTER, 360_000],
    ['giay-khen', 'household', BEFORE, 270_000],
    ['giay-khen', 'household', AFTER, 360_000],
    ['giay-khen', 'collective', BEFORE, 540_000],
    ['giay-khen', 'collective', AFTER, 710_000],
    ['lao-dong-tien-tien', 'individual', BEFORE, 540_000],
    ['lao-dong-tien-tien', 'individual', AFTER, 710_000],
    ['gia-dinh-van-hoa', 'household', BEFORE, 180_000],
    ['gia-dinh-van-hoa', 'household', AFTER, 240_000],
  ] as const)('%s for a %s decided %s is %i đ', (form, kind, date, expected) => {
    expect(awardAmount(form, kind, date).amount).toBe(expected);
  });

  it('a collective gets more than an individual', () => {
    expect(awardAmount('giay-khen', 'collective', AFTER).amount).toBeGreaterThan(awardAmount('giay-khen', 'individual', AFTER).amount);
  });

  it('takes the base salary in force on the decision date (change on 2024-07-01)', () => {
    expect(rulesInForce(DEFAULT_AWARD_RULES, '2024-06-30').baseSalary?.amount).toBe(1_800_000);
    expect(rulesInForce(DEFAULT_AWARD_RULES, '2024-07-01').baseSalary?.amount).toBe(2_340_000);
    const a = awardAmount('giay-khen', 'individual', '2024-07-01');
    expect(a.baseSalary).toBe(2_340_000);
    expect(a.sources).toEqual([
      'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3',
      'Nghị định 98/2023/NĐ-CP (điều về giấy khen chưa đối chiếu)',
      'Nghị định 73/2024/NĐ-CP',
    ]);
  });

  it('a new decree is a new dated entry: old decisions keep the old amount', () => {
    const rules = withEntries(DEFAULT_AWARD_RULES, {
      baseSalaries: [{ effectiveFrom: '2026-07-01', amount: 2_530_000, source: 'Nghị định (giả định) 2026' }],
    });
    // From 2025-07-01 Nghị định 152/2025 gives 0.3: 0.3 × 2,530,000 = 759,000 → 760,000;
    // the day before the (hypothetical) new base salary, 0.3 × 2,340,000 = 702,000 → 710,000.
    expect(awardAmount('giay-khen', 'individual', '2026-07-01', rules).amount).toBe(760_000);
    expect(awardAmount('giay-khen', 'individual', '2026-06-30', rules).amount).toBe(710_000);
    expect(DEFAULT_AWARD_RULES.baseSalaries).toHaveLength(3);
  });

  it('rounds up in integers, never by floating point (0.15 × 2,340,000 is 351,000, not 351,000.00000000006)', () => {
    expect(roundedAward(0.15, 2_340_000, 10_000)).toBe(360_000);
    expect(roundedAward(0.3, 1_800_000, 10_000)).toBe(540_000);
    expect(roundedAward(0.1, 2_340_000, 10_000)).toBe(240_000);
  });

  it('refuses a form for the wrong kind of recipient, in Vietnamese and English', () => {
    const err = (() => {
      try {
        awardAmount('lao-dong-tien-tien', 'collective', AFTER);
      } catch (e) {
        return e as BoardValidationError;
      }
      throw new Error('not refused');
    })();
    expect(err).toBeInstanceOf(BoardValidationError);
    expect(err.issues[0]).toMatchObject({
      code: 'award-not-allowed',
      vi: 'Danh hiệu "Lao động tiên tiến" không xét tặng cho đối tượng "Tập thể"',
      en: 'Title "Advanced Worker" is not awarded to a collective',
    });
  });

  it('refuses a decision date no rule covers, and a date that does not exist', () => {
    expect(() => awardAmount('giay-khen', 'individual', '2023-12-31')).toThrowError(/No rule sets the cash/);
    expect(() => awardAmount('giay-khen', 'individual', '2025-02-30')).toThrowError(/is not a real date/);
  });
});
