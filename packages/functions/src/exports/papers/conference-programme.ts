/**
 * Chương trình Hội nghị from the board's agenda: time (the conference date, else the session
 * the plan names), place, participants (the delegate cap), then the items in order. An item
 * ending in "(…)" names who presents it; that goes to its own column.
 */
import { documentDate, type BoardSnapshot } from '@binhan/core';
import {
  COMMITTEE_SIGNATURE, paperContext, paperSpec, paperTable, paperDocx, stt,
  type Block, type PaperOptions, type PaperSpec, type PaperTable,
} from './layout';

export const PROGRAMME_SYMBOL = 'CTr-UBND';

/** "Phát biểu hưởng ứng (Ủy ban Mặt trận TQVN xã)" → ["Phát biểu hưởng ứng", "Ủy ban Mặt trận TQVN xã"]. */
export function splitPresenter(text: string): [string, string] {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(text.trim());
  // A year range in brackets "(2020 - 2025)" is part of the item, not a presenter.
  if (!m || /^\s*\d{4}\s*[-–]\s*\d{4}\s*$/.test(m[2]!)) return [text.trim(), ''];
  return [m[1]!, m[2]!.trim()];
}

export function programmeSpec(board: BoardSnapshot, o: PaperOptions = {}): PaperSpec {
  const ctx = paperContext(board, o);
  const f = board.facts;
  const when = f.conferenceDate
    ? `${documentDate(f.conferenceDate).replace(/^ngày/, 'Ngày')}`
    : f.session?.text ? f.session.text.replace(/\.$/, '') : 'Theo giấy mời';
  const venue = o.venue?.trim() || `Hội trường UBND xã ${ctx.commune}`;
  const rows: PaperTable['rows'] = board.agenda.map((a, i) => {
    const [what, who] = splitPresenter(a.text);
    return { cells: [String(i + 1), what, who] };
  });
  const body: Block[] = [
    { kind: 'title', text: 'CHƯƠNG TRÌNH' },
    { kind: 'subject', lines: ['Hội nghị tuyên dương điển hình tiên tiến'] },
    { kind: 'para', runs: [{ text: 'Thời gian: ', bold: true }, { text: `${when}.` }] },
    { kind: 'para', runs: [{ text: 'Địa điểm: ', bold: true }, { text: `${venue}.` }] },
    {
      kind: 'para',
      runs: [{ text: 'Thành phần: ', bold: true }, { text: f.delegateCap ? `Theo giấy mời (tối đa ${f.delegateCap} đại biểu).` : 'Theo giấy mời.' }],
    },
    { kind: 'heading', text: 'NỘI DUNG CHƯƠNG TRÌNH' },
    rows.length
      ? paperTable([stt(8), ['Nội dung', 62], ['Người thực hiện', 30]], rows)
      : { kind: 'para', runs: [{ text: 'Chương trình chưa có mục nào.', italic: true }] },
  ];
  return paperSpec(ctx, {
    symbol: PROGRAMME_SYMBOL,
    body,
    recipients: ['- Các đại biểu dự Hội nghị;', '- Các bộ phận được phân công;', '- Lưu: VT.'],
    signature: COMMITTEE_SIGNATURE(ctx),
  });
}

export const programmeDocx = paperDocx(programmeSpec, 'Chương trình Hội nghị');
