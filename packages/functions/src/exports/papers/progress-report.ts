/**
 * Báo cáo tiến độ for the supervising body (Kính gửi: …), from the figures of the leaders'
 * dashboard (core's dashboard()): tasks by unit with the overdue ones named, the nominees by
 * review status, the estimate and the award cash with the totals in words, the delegates and
 * the days left to the conference.
 */
import {
  REVIEW_STATUSES, REVIEW_STATUS_LABELS, dashboard, documentDate, formatDate, formatNumber, vndInWords,
  type BoardSnapshot, type TaskCard,
} from '@binhan/core';
import {
  COMMITTEE_SIGNATURE, paperContext, paperSpec, paperTable, paperDocx, stt, totalRow,
  type Block, type PaperOptions, type PaperSpec, type PaperTable,
} from './layout';
import { unitName } from '../labels';

export const PROGRESS_REPORT_SYMBOL = 'BC-UBND';
export const DEFAULT_REPORT_RECIPIENT = 'Phòng Nội vụ huyện';

const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`);

export function progressReportSpec(board: BoardSnapshot, o: PaperOptions = {}): PaperSpec {
  const ctx = paperContext(board, o);
  const now = o.now ?? new Date();
  const d = dashboard(board, now);
  const t = d.tasks.overall;
  const plan = ctx.planNumber
    ? `Kế hoạch số ${ctx.planNumber}${ctx.planDate ? ` ${documentDate(ctx.planDate)}` : ''} của UBND xã ${ctx.commune}`
    : `kế hoạch của UBND xã ${ctx.commune}`;
  const rows: PaperTable['rows'] = d.tasks.byUnit.filter((u) => u.total > 0).map((u, i) => ({
    cells: [String(i + 1), u.nameVi, String(u.total), String(u.done), String(u.inProgress), String(u.todo), String(u.overdue)],
  }));
  rows.push(totalRow(String(t.total), String(t.done), String(t.inProgress), String(t.todo), String(t.overdue)));
  const overdue = board.cards.filter((c): c is TaskCard => c.kind === 'task' && t.overdueIds.includes(c.id));
  const n = d.nominees;
  const statusLine = REVIEW_STATUSES.map((s) => `${REVIEW_STATUS_LABELS[s]!.vi}: ${n.byReviewStatus[s]}`).join('; ');
  const conf = d.conference;
  const confLine = conf.target === null
    ? 'Chưa xác định ngày tổ chức Hội nghị.'
    : conf.basis === 'conference-date'
      ? `Hội nghị tổ chức ngày ${formatDate(conf.target, 'vi')}${conf.daysLeft! >= 0 ? `, còn ${conf.daysLeft} ngày` : `, đã qua ${-conf.daysLeft!} ngày`}.`
      : `Hội nghị dự kiến tổ chức trong thời hạn đến ngày ${formatDate(conf.target, 'vi')} (hết quý theo kế hoạch)${conf.daysLeft! >= 0 ? `, còn ${conf.daysLeft} ngày` : `, đã quá ${-conf.daysLeft!} ngày`}.`;
  const del = d.delegates;
  const body: Block[] = [
    { kind: 'title', text: 'BÁO CÁO' },
    { kind: 'subject', lines: [`Tiến độ thực hiện ${plan.replace(/^kế/, 'Kế')}`] },
    { kind: 'center', runs: [{ text: 'Kính gửi: ', italic: false }, { text: ctx.recipient ?? DEFAULT_REPORT_RECIPIENT }] },
    { kind: 'para', runs: [{ text: `Thực hiện ${plan}, Ủy ban nhân dân xã báo cáo tiến độ thực hiện đến ngày ${formatDate(d.tasks.today, 'vi')} như sau:` }] },
    { kind: 'heading', text: 'I. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ' },
    {
      kind: 'para',
      runs: [{ text: `Tổng số nhiệm vụ: ${t.total}; đã hoàn thành: ${t.done} (${pct(t.done, t.total)}); đang thực hiện: ${t.inProgress}; chưa thực hiện: ${t.todo}; quá hạn: ${t.overdue}.` }],
    },
    paperTable([
      stt(8), ['Bộ phận', 32], ['Tổng số', 10, 'center'], ['Đã hoàn thành', 13, 'center'],
      ['Đang thực hiện', 13, 'center'], ['Chưa thực hiện', 13, 'center'], ['Quá hạn', 11, 'center'],
    ], rows),
    ...(overdue.length
      ? [
        { kind: 'para', runs: [{ text: 'Các nhiệm vụ quá hạn:', bold: true }] } as Block,
        ...overdue.map((c): Block => ({ kind: 'para', runs: [{ text: `- ${c.title} (${unitName(board, c.unit, 'vi')}, hạn ${formatDate(c.due!, 'vi')});` }] })),
      ]
      : []),
    { kind: 'heading', text: 'II. CÔNG TÁC KHEN THƯỞNG' },
    {
      kind: 'para',
      runs: [{ text: `Tổng số hồ sơ đề nghị khen thưởng: ${n.total} (${n.byKind.collective} tập thể, ${n.byKind.household} hộ gia đình, ${n.byKind.individual} cá nhân); trong đó ${statusLine}.` }],
    },
    {
      kind: 'para',
      runs: [{ text: `Tiền thưởng theo hình thức đã chọn: ${formatNumber(d.awards.total, 'vi')} đồng ` }, { text: `(Bằng chữ: ${vndInWords(d.awards.total)}).`, italic: true }],
    },
    { kind: 'heading', text: 'III. KINH PHÍ' },
    {
      kind: 'para',
      runs: [{ text: `Tổng dự toán kinh phí (kể cả tiền thưởng): ${formatNumber(d.budget.total, 'vi')} đồng ` }, { text: `(Bằng chữ: ${vndInWords(d.budget.total)}).`, italic: true }],
    },
    ...d.budget.bySource.filter((s) => s.fund !== null).map((s): Block => ({
      kind: 'para',
      runs: [{ text: `${s.nameVi}: hiện có ${formatNumber(s.fund!, 'vi')} đồng, dự toán ${formatNumber(s.total, 'vi')} đồng, ${s.overFund ? `còn thiếu ${formatNumber(-s.remaining!, 'vi')}` : `còn lại ${formatNumber(s.remaining!, 'vi')}`} đồng.` }],
    })),
    { kind: 'heading', text: 'IV. CÔNG TÁC CHUẨN BỊ HỘI NGHỊ' },
    {
      kind: 'para',
      runs: [{ text: `Số đại biểu dự kiến: ${del.count}${del.cap !== null ? `/${del.cap} (tối đa theo kế hoạch)${del.overCap ? ', vượt số đại biểu cho phép' : ''}` : ''}.` }],
    },
    { kind: 'para', runs: [{ text: confLine }] },
    { kind: 'para', runs: [{ text: `Trên đây là báo cáo tiến độ thực hiện ${plan} của Ủy ban nhân dân xã ${ctx.commune}./.` }] },
  ];
  return paperSpec(ctx, {
    symbol: PROGRESS_REPORT_SYMBOL,
    body,
    recipients: ['- Như trên;', '- TT Đảng ủy, HĐND xã (b/c);', '- Lưu: VT.'],
    signature: COMMITTEE_SIGNATURE(ctx),
  });
}

export const progressReportDocx = paperDocx(progressReportSpec, 'Báo cáo tiến độ');
