/**
 * Quyết định khen thưởng of the commune chairman: the nominees the chairman has approved (or
 * already awarded), by award form (Điều 1), the cash from the commendation fund with the total
 * in words (Điều 2), who carries it out (Điều 3), and the attached list with each amount.
 * Amounts are core's (nomineeAwards: the award rules in force on each decision date).
 */
import {
  AWARD_FORM_IDS, AWARD_FORM_LABELS, NOMINEE_KIND_LABELS, documentDate, formatNumber, nomineeAwards, vndInWords,
  type AwardFormId, type BoardSnapshot, type NomineeCard, type NomineeKind,
} from '@binhan/core';
import {
  amountInWords, paperContext, paperSpec, paperTable, paperDocx, stt, totalRow,
  type Block, type PaperContext, type PaperOptions, type PaperSpec, type PaperTable,
} from './layout';
import { fundName } from '../labels';

export const AWARD_DECISION_SYMBOL = 'QĐ-UBND';

/** "02" — counts in a decision are written with two digits. */
const two = (n: number) => String(n).padStart(2, '0');

const KIND_WORD: Record<NomineeKind, string> = { collective: 'tập thể', household: 'hộ gia đình', individual: 'cá nhân' };

/** "02 tập thể, 01 hộ gia đình và 03 cá nhân". */
export function countPhrase(list: NomineeCard[]): string {
  const parts = (['collective', 'household', 'individual'] as const)
    .map((k) => [k, list.filter((n) => n.nomineeKind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${two(n)} ${KIND_WORD[k]}`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
}

/** "Tặng Giấy khen của Chủ tịch UBND xã" / "Công nhận danh hiệu "Lao động tiên tiến"". */
function awardVerb(form: AwardFormId): string {
  const label = AWARD_FORM_LABELS[form].vi;
  return label.startsWith('Danh hiệu') ? `Công nhận ${label.charAt(0).toLowerCase()}${label.slice(1)}` : `Tặng ${label}`;
}

export interface AwardDecisionData {
  ctx: PaperContext;
  recipients: Array<{ card: NomineeCard; amount: number | null }>;
  total: number;
  fund: string;
}

export function awardDecisionData(board: BoardSnapshot, o: PaperOptions = {}): AwardDecisionData {
  const ctx = paperContext(board, o);
  const awards = nomineeAwards(board, o.now ?? new Date());
  const amountOf = new Map(awards.awards.map((a) => [a.cardId, a.amount]));
  const approved = board.cards.filter((c): c is NomineeCard =>
    c.kind === 'nominee' && c.awardForm !== null && (c.reviewStatus === 'approved' || c.reviewStatus === 'awarded'));
  const recipients = approved.map((card) => ({ card, amount: amountOf.get(card.id) ?? null }));
  const total = recipients.reduce((s, r) => s + (r.amount ?? 0), 0);
  const fundId = board.facts.awardFundId ?? board.facts.funds[0]?.id ?? 'commendation-fund';
  const fund = board.facts.funds.some((f) => f.id === fundId) ? fundName(board, fundId, 'vi') : 'Quỹ thi đua, khen thưởng xã';
  return { ctx, recipients, total, fund };
}

export function awardDecisionSpec(board: BoardSnapshot, o: PaperOptions = {}): PaperSpec {
  const { ctx, recipients, total, fund } = awardDecisionData(board, o);
  const commune = ctx.commune;
  const planRef = ctx.planNumber
    ? `Căn cứ Kế hoạch số ${ctx.planNumber}${ctx.planDate ? ` ${documentDate(ctx.planDate)}` : ''} của Ủy ban nhân dân xã ${commune} về tổ chức Hội nghị tuyên dương điển hình tiên tiến;`
    : null;
  const body: Block[] = [
    { kind: 'title', text: 'QUYẾT ĐỊNH' },
    { kind: 'subject', lines: ['Về việc khen thưởng các tập thể, hộ gia đình và cá nhân', 'có thành tích tiêu biểu trong phong trào thi đua'] },
    { kind: 'center', runs: [{ text: `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ${commune.toUpperCase()}`, bold: true }] },
    { kind: 'para', runs: [{ text: 'Căn cứ Luật Tổ chức chính quyền địa phương;', italic: true }] },
    { kind: 'para', runs: [{ text: 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;', italic: true }] },
    { kind: 'para', runs: [{ text: 'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;', italic: true }] },
    ...(planRef ? [{ kind: 'para', runs: [{ text: planRef, italic: true }] } as Block] : []),
    { kind: 'para', runs: [{ text: `Theo đề nghị của Hội đồng Thi đua - Khen thưởng xã ${commune}.`, italic: true }] },
    { kind: 'center', runs: [{ text: 'QUYẾT ĐỊNH:', bold: true }] },
  ];
  const byForm = AWARD_FORM_IDS.map((form) => ({ form, list: recipients.filter((r) => r.card.awardForm === form) })).filter((g) => g.list.length > 0);
  if (byForm.length === 0) {
    body.push({ kind: 'para', runs: [{ text: 'Điều 1. ', bold: true }, { text: 'Chưa có tập thể, hộ gia đình, cá nhân nào được Chủ tịch UBND xã duyệt khen thưởng.' }] });
  } else {
    body.push({ kind: 'para', runs: [{ text: 'Điều 1. ', bold: true }, { text: `Khen thưởng ${countPhrase(recipients.map((r) => r.card))} đã có thành tích tiêu biểu trong phong trào thi đua (có danh sách kèm theo), cụ thể:` }] });
    byForm.forEach((g, gi) => {
      body.push({ kind: 'para', runs: [{ text: `${gi + 1}. ${awardVerb(g.form)} cho ${countPhrase(g.list.map((r) => r.card))}:` }] });
      g.list.forEach((r, i) => body.push({ kind: 'para', runs: [{ text: `${gi + 1}.${i + 1}. ${r.card.name}${r.card.achievement ? ` – ${r.card.achievement}` : ''};` }] }));
    });
  }
  body.push({
    kind: 'para',
    runs: [
      { text: 'Điều 2. ', bold: true },
      { text: `Mỗi tập thể, hộ gia đình, cá nhân có tên tại Điều 1 được kèm theo tiền thưởng theo quy định. Tổng số tiền thưởng: ${formatNumber(total, 'vi')} đồng ` },
      { text: `(Bằng chữ: ${vndInWords(total)})`, italic: true },
      { text: `, trích từ ${fund}.` },
    ],
  });
  body.push({
    kind: 'para',
    runs: [
      { text: 'Điều 3. ', bold: true },
      { text: `Chánh Văn phòng HĐND và UBND xã, công chức Tài chính - Kế toán, Hội đồng Thi đua - Khen thưởng xã và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký./.` },
    ],
  });
  const rows: PaperTable['rows'] = recipients.map((r, i) => ({
    cells: [String(i + 1), r.card.name, NOMINEE_KIND_LABELS[r.card.nomineeKind]!.vi, AWARD_FORM_LABELS[r.card.awardForm!].vi,
      r.amount === null ? 'Chưa tính được' : formatNumber(r.amount, 'vi')],
  }));
  rows.push(totalRow('', '', formatNumber(total, 'vi')));
  return paperSpec(ctx, {
    symbol: AWARD_DECISION_SYMBOL,
    body,
    recipients: ['- Như Điều 3;', '- TT Đảng ủy, HĐND xã (b/c);', '- Chủ tịch, các PCT UBND xã;', '- Lưu: VT.'],
    signature: { authority: null, title: 'CHỦ TỊCH', name: ctx.signer },
    annex: {
      heading: [
        'DANH SÁCH KHEN THƯỞNG',
        `(Kèm theo Quyết định số ${ctx.number}/${AWARD_DECISION_SYMBOL} ${documentDate(ctx.date)} của Chủ tịch UBND xã ${commune})`,
      ],
      body: [
        paperTable([stt(9), ['Tên tập thể, hộ gia đình, cá nhân', 39], ['Đối tượng', 15, 'center'], ['Hình thức khen thưởng', 30], ['Tiền thưởng (đồng)', 18, 'right']], rows),
        amountInWords(vndInWords(total)),
        ...(recipients.some((r) => r.amount === null) ? [{ kind: 'para', runs: [{ text: 'Ghi chú: "Chưa tính được" là hình thức khen thưởng không có mức tiền thưởng theo quy định đang áp dụng.', italic: true }] } as Block] : []),
      ],
      signature: null,
    },
  });
}

export const awardDecisionDocx = paperDocx(awardDecisionSpec, 'Quyết định khen thưởng');
