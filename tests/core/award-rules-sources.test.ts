/**
 * One test per award rule, each against a hand computation, citing the text it was checked
 * against (see packages/core/src/awards/rules.ts for where each text was read). A rule whose
 * value could not be checked says so, and the amount carries `verified: false`.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { awardAmount, dashboard, readBoard, setFacts, addCard, nomineeCash } from '../../packages/core/src/index';
import { seedPlan27Board } from '../../packages/core/src/plan-27';
import { ctx } from '../helpers/write-context';

describe('award rules, each checked by hand', () => {
  it('Luật 06/2022/QH15 Điều 80 khoản 3: "Chủ tịch Ủy ban nhân dân cấp xã quyết định tặng danh hiệu “Lao động tiên tiến”, giấy khen và danh hiệu “Gia đình văn hóa”" (Công báo 571+572/2022 tr. 57)', () => {
    for (const [form, kind] of [['giay-khen', 'individual'], ['lao-dong-tien-tien', 'individual'], ['gia-dinh-van-hoa', 'household']] as const)
      expect(awardAmount(form, kind, '2025-03-20').sources[0]).toBe('Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3');
  });

  it('NĐ 98/2023 Điều 54: "Danh hiệu “Lao động tiên tiến” … được thưởng 0,3 lần mức lương cơ sở" — verified', () => {
    // 0,3 × 2.340.000 (NĐ 73/2024, from 01/07/2024) = 702.000 → rounded up to tens of thousands: 710.000
    const a = awardAmount('lao-dong-tien-tien', 'individual', '2025-03-20');
    expect(a).toMatchObject({ coefficient: 0.3, baseSalary: 2_340_000, amount: 710_000, cashSource: 'Nghị định 98/2023/NĐ-CP, Điều 54', verified: true });
    expect(a.unverified).toEqual([]);
  });

  it('giấy khen, cá nhân, under NĐ 98/2023: 0,15 (value of NĐ 91/2017 Điều 73 khoản 1 điểm d: "0,15 lần mức lương cơ sở") — NOT verified against NĐ 98', () => {
    // 0,15 × 2.340.000 = 351.000 → 360.000
    const a = awardAmount('giay-khen', 'individual', '2025-03-20');
    expect(a).toMatchObject({ amount: 360_000, verified: false, unverified: ['coefficient'], ruleDates: { cash: '2024-01-01', baseSalary: '2024-07-01', authority: '2024-01-01' } });
  });

  it('giấy khen, tập thể: "gấp hai lần tiền thưởng đối với cá nhân" (NĐ 91/2017 Điều 73 khoản 2 điểm b) — NOT verified against NĐ 98', () => {
    // 0,3 × 2.340.000 = 702.000 → 710.000
    expect(awardAmount('giay-khen', 'collective', '2025-03-20')).toMatchObject({ coefficient: 0.3, amount: 710_000, verified: false });
  });

  it('giấy khen, hộ gia đình: as an individual, 0,15 — NOT verified', () => {
    expect(awardAmount('giay-khen', 'household', '2025-03-20')).toMatchObject({ coefficient: 0.15, amount: 360_000, verified: false });
  });

  it('“Gia đình văn hóa”: 0,1 — NOT verified (no published copy of the coefficient found)', () => {
    // 0,1 × 2.340.000 = 234.000 → 240.000
    expect(awardAmount('gia-dinh-van-hoa', 'household', '2025-03-20')).toMatchObject({ amount: 240_000, verified: false, unverified: ['coefficient'] });
  });

  it('NĐ 152/2025 Điều 54 khoản 1 điểm e (from 01/07/2025): giấy khen of the commune chairman, cá nhân, "0,3 lần mức lương cơ sở" — verified', () => {
    // 0,3 × 2.340.000 = 702.000 → 710.000 ("được thưởng 702.000 đồng (2.340.000 đồng x 0,3)", before rounding)
    const a = awardAmount('giay-khen', 'individual', '2025-07-01');
    expect(a).toMatchObject({ coefficient: 0.3, amount: 710_000, verified: true, cashSource: 'Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1 điểm e' });
    // The day before, NĐ 98/2023's 0,15 still applies.
    expect(awardAmount('giay-khen', 'individual', '2025-06-30').amount).toBe(360_000);
  });

  it('base salary 1.800.000 (NĐ 24/2023, from 01/07/2023) — NOT verified here; 0,3 × 1.800.000 = 540.000 exactly', () => {
    expect(awardAmount('lao-dong-tien-tien', 'individual', '2024-03-01')).toMatchObject({ baseSalary: 1_800_000, amount: 540_000, verified: false, unverified: ['base-salary'] });
  });
});

describe('award cash on the board', () => {
  function board() {
    const doc = new Y.Doc();
    seedPlan27Board(doc, { boardId: 'b', actor: 'seed', now: '2025-02-20T01:00:00.000Z' });
    return doc;
  }

  it('a nominee without a decision date is priced at the conference date in force (31/03/2025 until set)', () => {
    const r = nomineeCash({ awardForm: 'giay-khen', nomineeKind: 'collective', decisionDate: null }, { conferenceDate: null, session: { count: 1, quarter: 1, year: 2025, text: '' } }, '2026-12-01T00:00:00Z');
    expect(r).toMatchObject({ ok: true, basis: 'quarter-end', award: { decisionDate: '2025-03-31', amount: 710_000 } });
  });

  it('sums by award form, approved apart, and compares with the fund that pays the awards', () => {
    const doc = board();
    setFacts(doc, { conferenceDate: '2025-03-20', funds: [{ id: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commendation fund', amount: 12_000_000 }] }, ctx());
    addCard(doc, { kind: 'nominee', unit: 'council', name: 'Thôn Bình Tây', nomineeKind: 'collective', awardForm: 'giay-khen', reviewStatus: 'approved' }, ctx());
    addCard(doc, { kind: 'nominee', unit: 'council', name: 'Ông Trần Văn Ba', nomineeKind: 'individual', awardForm: 'giay-khen' }, ctx());
    addCard(doc, { kind: 'nominee', unit: 'council', name: 'Bà Lê Thị Tư', nomineeKind: 'individual', awardForm: 'lao-dong-tien-tien', reviewStatus: 'awarded' }, ctx());
    const d = dashboard(readBoard(doc), '2025-03-01T00:00:00Z');
    expect(d.awards.byForm).toEqual([
      { form: 'giay-khen', count: 2, amount: 710_000 + 360_000, approvedCount: 1, approvedAmount: 710_000 },
      { form: 'lao-dong-tien-tien', count: 1, amount: 710_000, approvedCount: 1, approvedAmount: 710_000 },
      { form: 'gia-dinh-van-hoa', count: 0, amount: 0, approvedCount: 0, approvedAmount: 0 },
    ]);
    expect(d.awards.approvedTotal).toBe(1_420_000);
    // Starter budget lines: 2.500.000 + 2.250.000 + 1.500.000 + 2.400.000 + 4.000.000 + 2.000.000 = 14.650.000
    expect(d.awardFund).toMatchObject({ source: 'commendation-fund', lines: 14_650_000, awards: 1_780_000, total: 16_430_000, fund: 12_000_000, overFund: true, remaining: -4_430_000 });
  });
});
