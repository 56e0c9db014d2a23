/**
 * Dự toán kinh phí tổ chức Hội nghị: the budget lines and the award cash, as in the budget
 * export (columns.ts budgetTable, so the figures are the same), the total and "Bằng chữ: …",
 * the funding text of the plan and what each fund has left.
 */
import { documentDate, formatNumber, budgetSummary, vndInWords, type BoardSnapshot } from '@binhan/core';
import { budgetTable, formatQuantity } from '../columns';
import {
  COMMITTEE_SIGNATURE, amountInWords, paperContext, paperSpec, paperTable, paperDocx, stt, totalRow,
  type Block, type PaperOptions, type PaperSpec, type PaperTable,
} from './layout';

export const BUDGET_ESTIMATE_SYMBOL = 'DT-UBND';

export function budgetEstimateSpec(board: BoardSnapshot, o: PaperOptions = {}): PaperSpec {
  const ctx = paperContext(board, o);
  const now = o.now ?? new Date();
  const table = budgetTable(board, 'vi', { now });
  const total = budgetSummary(board, now).total;
  const money = (v: string | number | null) => (typeof v === 'number' ? formatNumber(v, 'vi') : (v ?? ''));
  const rows: PaperTable['rows'] = table.rows.filter((r) => !r.total).map((r) => ({
    cells: [
      money(r.cells[0] ?? null), String(r.cells[1] ?? ''),
      typeof r.cells[2] === 'number' ? formatQuantity(r.cells[2], 'vi') : '',
      money(r.cells[3] ?? null), money(r.cells[4] ?? null), String(r.cells[5] ?? ''),
    ],
  }));
  rows.push(totalRow('', '', formatNumber(total, 'vi'), ''));
  const planRef = ctx.planNumber ? `Căn cứ Kế hoạch số ${ctx.planNumber}${ctx.planDate ? ` ${documentDate(ctx.planDate)}` : ''} của Ủy ban nhân dân xã ${ctx.commune}, ` : '';
  const body: Block[] = [
    { kind: 'title', text: 'DỰ TOÁN' },
    { kind: 'subject', lines: ['Kinh phí tổ chức Hội nghị tuyên dương điển hình tiên tiến'] },
    { kind: 'para', runs: [{ text: `${planRef}Ủy ban nhân dân xã ${ctx.commune} lập dự toán kinh phí tổ chức Hội nghị như sau:` }] },
    paperTable([stt(13), ['Nội dung chi', 42], ['Số lượng', 19, 'right'], ['Đơn giá (đồng)', 27, 'right'], ['Thành tiền (đồng)', 30, 'right'], ['Nguồn kinh phí', 34]], rows),
    amountInWords(vndInWords(total)),
    ...(board.facts.fundingText ? [{ kind: 'para', runs: [{ text: 'Nguồn kinh phí: ', bold: true }, { text: board.facts.fundingText }] } as Block] : []),
    ...table.notes.map((n): Block => ({ kind: 'para', runs: [{ text: n, italic: true }] })),
  ];
  return paperSpec(ctx, {
    symbol: BUDGET_ESTIMATE_SYMBOL,
    body,
    recipients: ['- TT Đảng ủy, HĐND xã (b/c);', '- Công chức Tài chính - Kế toán;', '- Lưu: VT.'],
    signature: COMMITTEE_SIGNATURE(ctx),
  });
}

export const budgetEstimateDocx = paperDocx(budgetEstimateSpec, 'Dự toán kinh phí');
