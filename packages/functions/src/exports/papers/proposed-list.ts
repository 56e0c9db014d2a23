/**
 * Danh sách đề nghị khen thưởng after the council's review: the nominees the Hội đồng Thi đua -
 * Khen thưởng has reviewed (and those already approved or awarded since), with what they did,
 * the award form proposed and its cash, the total and the total in words; signed for the
 * council and sent to the chairman for decision.
 */
import {
  AWARD_FORM_LABELS, NOMINEE_KIND_LABELS, documentDate, formatNumber, nomineeAwards, vndInWords,
  type BoardSnapshot, type NomineeCard, type ReviewStatus,
} from '@binhan/core';
import { countPhrase } from './award-decision';
import {
  amountInWords, paperContext, paperSpec, paperTable, paperDocx, stt, totalRow,
  type Block, type PaperOptions, type PaperSpec, type PaperTable,
} from './layout';

export const PROPOSED_LIST_SYMBOL = 'DS-HĐTĐKT';
/** Statuses a nominee has once the council has reviewed it. */
export const REVIEWED_STATUSES: readonly ReviewStatus[] = ['council-reviewed', 'approved', 'awarded'];

export function proposedListSpec(board: BoardSnapshot, o: PaperOptions = {}): PaperSpec {
  const ctx = paperContext(board, o);
  const awards = nomineeAwards(board, o.now ?? new Date());
  const amountOf = new Map(awards.awards.map((a) => [a.cardId, a.amount]));
  const list = board.cards.filter((c): c is NomineeCard => c.kind === 'nominee' && REVIEWED_STATUSES.includes(c.reviewStatus));
  const total = list.reduce((s, n) => s + (amountOf.get(n.id) ?? 0), 0);
  const rows: PaperTable['rows'] = list.map((n, i) => ({
    cells: [
      String(i + 1), n.name, NOMINEE_KIND_LABELS[n.nomineeKind]!.vi, n.achievement,
      n.awardForm ? AWARD_FORM_LABELS[n.awardForm].vi : 'Chưa chọn',
      amountOf.has(n.id) ? formatNumber(amountOf.get(n.id)!, 'vi') : '',
    ],
  }));
  rows.push(totalRow('', '', '', formatNumber(total, 'vi')));
  const planRef = ctx.planNumber ? ` theo Kế hoạch số ${ctx.planNumber}${ctx.planDate ? ` ${documentDate(ctx.planDate)}` : ''} của UBND xã ${ctx.commune}` : '';
  const body: Block[] = [
    { kind: 'title', text: 'DANH SÁCH' },
    { kind: 'subject', lines: ['Đề nghị khen thưởng các tập thể, hộ gia đình và cá nhân', 'có thành tích tiêu biểu trong phong trào thi đua'] },
    {
      kind: 'para',
      runs: [{
        text: list.length
          ? `Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng xã ${ctx.commune}${planRef}, Hội đồng đề nghị Chủ tịch UBND xã xem xét, khen thưởng ${countPhrase(list)} có tên sau:`
          : `Hội đồng Thi đua - Khen thưởng xã ${ctx.commune} chưa xét hồ sơ đề nghị khen thưởng nào${planRef}.`,
      }],
    },
    paperTable([stt(8), ['Tên tập thể, hộ gia đình, cá nhân', 24], ['Đối tượng', 12, 'center'], ['Thành tích', 25], ['Hình thức đề nghị', 15], ['Tiền thưởng (đồng)', 17, 'right']], rows),
    amountInWords(vndInWords(total)),
  ];
  return paperSpec(ctx, {
    symbol: PROPOSED_LIST_SYMBOL,
    issuer: [`UBND XÃ ${ctx.commune.toUpperCase()}`, 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG'],
    body,
    recipients: ['- Chủ tịch UBND xã (xem xét, quyết định);', '- Thành viên Hội đồng;', '- Lưu: VT, HĐTĐKT.'],
    signature: { authority: 'TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', title: 'CHỦ TỊCH HỘI ĐỒNG', name: ctx.signer },
  });
}

export const proposedListDocx = paperDocx(proposedListSpec, 'Danh sách đề nghị khen thưởng');
