import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readBoard } from '../../packages/core/src/index';
import { seedPlan27Board } from '../../packages/core/src/plan-27';
import { budgetEstimateCsv, nomineeListCsv } from '../../packages/functions/src/exports/index';
import { buildBoard, buildDoc, EXPORT_NOW, parseCsv, TRICKY_NAME, XSS_NAME } from '../helpers/export-fixture';

const opts = { now: EXPORT_NOW };

describe('nominee list CSV', () => {
  it('is UTF-8 with a BOM, CRLF rows, Vietnamese labels and the cash of each award', () => {
    const csv = nomineeListCsv(buildBoard(), 'vi', opts);
    expect(csv.startsWith('\uFEFFSTT,')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const council = 'Hội đồng Thi đua – Khen thưởng';
    const giayKhen = 'Giấy khen của Chủ tịch UBND xã';
    expect(csv).toBe('\uFEFF' + [
      'STT,"Tên tập thể, hộ gia đình, cá nhân",Đối tượng,Bộ phận,Thành tích,Hình thức khen thưởng,Tình trạng xét duyệt,Tiền thưởng (đồng)',
      '1,"Nguyễn Văn ""Tèo"", Đội 3\nThôn Đông",Cá nhân,Văn hóa – Xã hội,"Tích cực tham gia phong trào ""Toàn dân đoàn kết xây dựng đời sống văn hóa""",,Đã đề xuất,',
      // 0.3 × 2,340,000 = 702,000 → rounded up to 710,000 (decision 20/03/2025).
      `2,Thôn Bình Tây,Tập thể,${council},Hoàn thành xuất sắc nhiệm vụ 5 năm (2020 – 2025),${giayKhen},Chủ tịch UBND đã duyệt,710000`,
      `3,Ông Trần Văn Bình,Cá nhân,${council},Chiến sĩ thi đua cơ sở,"Danh hiệu ""Lao động tiên tiến""",Hội đồng TĐ-KT đã xét,710000`,
      // 0.1 × 2,340,000 = 234,000 → 240,000.
      `4,Hộ bà Lê Thị Cúc,Hộ gia đình,${council},Gia đình văn hóa tiêu biểu 3 năm liền,"Danh hiệu ""Gia đình văn hóa""",Đã khen thưởng,240000`,
      // No decision date, no conference date: priced on the export date 01/03/2025: 0.15 × 2,340,000 = 351,000 → 360,000.
      `5,Bà Phạm Thị Dung,Cá nhân,${council},Tổ trưởng tổ phụ nữ tiêu biểu,${giayKhen},Đã đề xuất,360000`,
      // Decided 15/06/2024, base salary 1,800,000: 0.15 × 1,800,000 = 270,000.
      `6,${XSS_NAME},Cá nhân,UBMTTQVN và các tổ chức chính trị – xã hội,"<b>in đậm?</b> & ""trích dẫn""",${giayKhen},Đã đề xuất,270000`,
      ',Tổng cộng,,,,,,2290000',
      '',
    ].join('\r\n'));
  });

  it('reads back cell by cell (comma, quotes and line break kept in one cell)', () => {
    const rows = parseCsv(nomineeListCsv(buildBoard(), 'vi', opts).slice(1));
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows[1]![1]).toBe(TRICKY_NAME);
    expect(rows[6]![1]).toBe(XSS_NAME);
    expect(rows.slice(1, 7).map((r) => r[7])).toEqual(['', '710000', '710000', '240000', '360000', '270000']);
    expect(rows[7]).toEqual(['', 'Tổng cộng', '', '', '', '', '', '2290000']);
  });

  it('has English labels with lang=en (names as entered)', () => {
    const rows = parseCsv(nomineeListCsv(buildBoard(), 'en', opts).slice(1));
    expect(rows[0]).toEqual(['No.', 'Name', 'Type', 'Unit', 'Achievement', 'Award form', 'Review status', 'Cash award (VND)']);
    expect(rows[2]).toEqual(['2', 'Thôn Bình Tây', 'Collective', 'Emulation and Commendation Council',
      'Hoàn thành xuất sắc nhiệm vụ 5 năm (2020 – 2025)', 'Certificate of merit of the commune chairman', 'Approved by the chairman', '710000']);
    expect(rows[4]![2]).toBe('Household');
    expect(rows[7]![1]).toBe('Total');
  });

  it('keeps text a spreadsheet would run as a formula as text', () => {
    const doc = buildDoc();
    addCard(doc, { kind: 'nominee', unit: 'council', name: '=HYPERLINK("http://x.example","bấm")', nomineeKind: 'individual' },
      { actor: 'a', now: EXPORT_NOW });
    const rows = parseCsv(nomineeListCsv(readBoard(doc), 'vi', opts).slice(1));
    expect(rows.find((r) => r[1]!.includes('HYPERLINK'))![1]).toBe('\'=HYPERLINK("http://x.example","bấm")');
  });

  it('lists only the statuses asked for, says so in the title line, and totals only those', async () => {
    const opts2 = { ...opts, statuses: ['approved', 'awarded'] as const };
    const rows = parseCsv(nomineeListCsv(buildBoard(), 'vi', opts2).slice(1));
    expect(rows.slice(1, -1).map((r) => [r[1], r[6]])).toEqual([
      ['Thôn Bình Tây', 'Chủ tịch UBND đã duyệt'], ['Hộ bà Lê Thị Cúc', 'Đã khen thưởng'],
    ]);
    expect(rows[rows.length - 1]).toEqual(['', 'Tổng cộng', '', '', '', '', '', '950000']);
    const { nomineeTable } = await import('../../packages/functions/src/exports/index');
    expect(nomineeTable(buildBoard(), 'vi', opts2).issuer)
      .toBe('UBND xã Bình An – Kế hoạch số 27/KH-UBND – Tình trạng: Chủ tịch UBND đã duyệt, Đã khen thưởng');
  });

  it('lists nothing but the header and a zero total for a board without nominees', () => {
    const doc = new Y.Doc();
    seedPlan27Board(doc, { boardId: 'b', actor: 'seed', now: EXPORT_NOW });
    const rows = parseCsv(nomineeListCsv(readBoard(doc), 'vi', opts).slice(1));
    expect(rows).toEqual([expect.arrayContaining(['STT']), ['', 'Tổng cộng', '', '', '', '', '', '0']]);
  });
});

describe('budget estimate CSV', () => {
  it('lists the lines, the award cash from the commendation fund and the total', () => {
    const csv = budgetEstimateCsv(buildBoard(), 'vi', opts);
    const fund = '"Quỹ thi đua, khen thưởng xã"';
    expect(csv).toBe('\uFEFF' + [
      'STT,Nội dung chi,Số lượng,Đơn giá (đồng),Thành tiền (đồng),Nguồn kinh phí,Trạng thái',
      // budget-sound was moved to the top of the finance column.
      `1,"Thuê âm thanh, ánh sáng",1,2000000,2000000,${fund},Dự kiến`,
      `2,"Trang trí hội trường, phông nền (ma-két) Hội nghị",1,2500000,2500000,${fund},Dự kiến`,
      `3,Nước uống đại biểu,150,15000,2250000,${fund},Dự kiến`,
      `4,"In ấn tài liệu, giấy mời",150,10000,1500000,${fund},Dự kiến`,
      `5,Khung giấy khen,40,60000,2400000,${fund},Dự kiến`,
      `6,Hoa tươi tặng các điển hình tiên tiến,40,100000,4000000,${fund},Dự kiến`,
      `7,Bồi dưỡng báo cáo tham luận,5,200000,1000000,${fund},Đã duyệt`,
      `8,Xăng xe phục vụ Hội nghị (lít),12.5,24000,300000,${fund},Dự kiến`,
      // 710,000 + 710,000 + 240,000 + 360,000 + 270,000
      `9,Tiền thưởng kèm theo hình thức khen thưởng (5 đối tượng),5,,2290000,${fund},`,
      // 15,950,000 of lines + 2,290,000 of awards
      ',Tổng cộng,,,18240000,,',
      '',
    ].join('\r\n'));
  });

  it('has English labels with lang=en', () => {
    const rows = parseCsv(budgetEstimateCsv(buildBoard(), 'en', opts).slice(1));
    expect(rows[0]).toEqual(['No.', 'Budget line', 'Quantity', 'Unit price (VND)', 'Amount (VND)', 'Funding source', 'Status']);
    expect(rows[7]!.slice(5)).toEqual(['Commune emulation and commendation fund', 'Approved']);
    expect(rows[9]!.slice(1, 5)).toEqual(['Cash awards accompanying the commendations (5 recipients)', '5', '', '2290000']);
    expect(rows[10]).toEqual(['', 'Total', '', '', '18240000', '', '']);
  });
});
