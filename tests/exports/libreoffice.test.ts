/**
 * Open the downloads the way a user's office program does: LibreOffice converts the XLSX
 * files to CSV (to read the cells back as shown) and to PDF, and the two HTML pages to PDF;
 * pdftotext reads the PDFs. Vietnamese text must come through intact.
 * Conversions are slow on a cold profile: they run one after another, several files per run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../helpers/tools';
import { convert, hasLibreOffice, newProfile, pdfText } from '../helpers/libreoffice';
import {
  budgetEstimateHtml, budgetEstimateXlsx, nomineeListHtml, nomineeListXlsx,
} from '../../packages/functions/src/exports/index';
import { buildBoard, EXPORT_NOW, parseCsv, TRICKY_NAME, XSS_NAME } from '../helpers/export-fixture';

const run = requireTool('LibreOffice (soffice) with pdftotext', hasLibreOffice);
const TIMEOUT = 300_000;
/** UTF-8 CSV, comma, double quote, first sheet, values as shown (formatted). */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true';

/** A formatted đồng amount as LibreOffice shows it under any locale: 710,000 ₫ or 710.000 ₫. */
function vnd(n: number): RegExp {
  const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '[.,\u00a0 ]');
  return new RegExp(`^${digits}\\s?₫$`);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe.skipIf(!run)('exports opened in LibreOffice', () => {
  let dir = '';
  const profile = newProfile();
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'binh-an-exports-'));
    const board = buildBoard();
    const opts = { now: EXPORT_NOW };
    writeFileSync(join(dir, 'nominees.xlsx'), await nomineeListXlsx(board, 'vi', opts));
    writeFileSync(join(dir, 'budget.xlsx'), await budgetEstimateXlsx(board, 'vi', opts));
    writeFileSync(join(dir, 'nominees-page.html'), nomineeListHtml(board, 'vi', opts));
    writeFileSync(join(dir, 'budget-page.html'), budgetEstimateHtml(board, 'vi', opts));
    const xlsx = [join(dir, 'nominees.xlsx'), join(dir, 'budget.xlsx')];
    const html = [join(dir, 'nominees-page.html'), join(dir, 'budget-page.html')];
    timings['xlsx→csv (2 files, cold profile)'] = (await convert(xlsx, { to: CSV_FILTER, outDir: dir, profileUrl: profile.url })).ms;
    timings['xlsx→pdf (2 files)'] = (await convert(xlsx, { to: 'pdf', outDir: dir, profileUrl: profile.url })).ms;
    // HTML is opened in Writer ("HTML (StarWriter)"): Writer/Web's own PDF export drops a page's
    // first paragraph in LibreOffice 7.4 and ignores @page.
    timings['html→pdf (2 files)'] = (await convert(html, {
      to: 'pdf:writer_pdf_Export', infilter: 'HTML (StarWriter)', outDir: dir, profileUrl: profile.url,
    })).ms;
    console.info('LibreOffice conversion times (ms):', timings);
  }, TIMEOUT);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    profile.remove();
  });

  it('nominee XLSX: the cells LibreOffice shows', () => {
    const rows = parseCsv(readFileSync(join(dir, 'nominees.csv'), 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[3]![0]).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(rows[4]![0]).toBe('UBND xã Bình An – Kế hoạch số 27/KH-UBND');
    expect(rows[6]).toEqual(['STT', 'Tên tập thể, hộ gia đình, cá nhân', 'Đối tượng', 'Bộ phận', 'Thành tích',
      'Hình thức khen thưởng', 'Tình trạng xét duyệt', 'Tiền thưởng (đồng)']);
    expect(rows[7]!.slice(0, 3)).toEqual(['1', TRICKY_NAME, 'Cá nhân']);
    expect(rows[8]!.slice(0, 7)).toEqual(['2', 'Thôn Bình Tây', 'Tập thể', 'Hội đồng Thi đua – Khen thưởng',
      'Hoàn thành xuất sắc nhiệm vụ 5 năm (2020 – 2025)', 'Giấy khen của Chủ tịch UBND xã', 'Chủ tịch UBND đã duyệt']);
    expect(rows[8]![7]).toMatch(vnd(710_000));
    expect(rows[10]!.slice(1, 3)).toEqual(['Hộ bà Lê Thị Cúc', 'Hộ gia đình']);
    expect(rows[10]![7]).toMatch(vnd(240_000));
    expect(rows[12]![1]).toBe(XSS_NAME);
    expect(rows[13]![1]).toBe('Tổng cộng');
    expect(rows[13]![7]).toMatch(vnd(2_290_000));
    // The heading above the list and the signatures under it, as LibreOffice shows them.
    expect([rows[0]![0], rows[0]![3], rows[1]![0], rows[1]![3], rows[2]![3]])
      .toEqual(['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ BÌNH AN', 'Độc lập – Tự do – Hạnh phúc', 'Bình An, ngày 01/03/2025']);
    expect([rows[15]![0], rows[15]![3], rows[16]![3]]).toEqual(['NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  });

  it('budget XLSX: the cells LibreOffice shows', () => {
    const rows = parseCsv(readFileSync(join(dir, 'budget.csv'), 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[3]![0]).toBe('DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ');
    expect(rows[9]!.slice(0, 3)).toEqual(['3', 'Nước uống đại biểu', '150']);
    expect(rows[9]![3]).toMatch(vnd(15_000));
    expect(rows[9]![4]).toMatch(vnd(2_250_000));
    expect(rows[9]!.slice(5)).toEqual(['Quỹ thi đua, khen thưởng xã', 'Dự kiến']);
    expect(rows[14]![2]).toMatch(/^12[.,]5$/);
    expect(rows[15]![1]).toBe('Tiền thưởng kèm theo hình thức khen thưởng (5 đối tượng)');
    expect(rows[15]![4]).toMatch(vnd(2_290_000));
    expect(rows[16]![1]).toBe('Tổng cộng');
    expect(rows[16]![4]).toMatch(vnd(18_240_000));
  });

  it('nominee XLSX as PDF: Vietnamese text intact, one A4 page wide', () => {
    expect(existsSync(join(dir, 'nominees.pdf'))).toBe(true);
    const text = squash(pdfText(join(dir, 'nominees.pdf')));
    for (const s of ['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', 'UBND xã Bình An – Kế hoạch số 27/KH-UBND', 'Thôn Bình Tây',
      'Ông Trần Văn Bình', 'Hộ bà Lê Thị Cúc', 'Giấy khen của Chủ tịch UBND xã', 'Chủ tịch UBND đã duyệt', 'Tổng cộng', XSS_NAME])
      expect(text).toContain(s);
  });

  it('budget XLSX as PDF: Vietnamese text intact', () => {
    const text = squash(pdfText(join(dir, 'budget.pdf')));
    for (const s of ['DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ', 'Nước uống đại biểu', 'Quỹ thi đua, khen thưởng xã', 'Tổng cộng'])
      expect(text).toContain(s);
  });

  it('nominee HTML page as PDF: header, title, names, award forms, signatures', () => {
    const text = squash(pdfText(join(dir, 'nominees-page.pdf')));
    for (const s of ['ỦY BAN NHÂN DÂN', 'XÃ BÌNH AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập – Tự do – Hạnh phúc',
      'Bình An, ngày 01/03/2025', 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', 'Thôn Bình Tây', 'Giấy khen',
      '2.290.000', 'NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'])
      expect(text).toContain(s);
    // LibreOffice's HTML import lays the columns out by their content (it ignores the page's
    // widths): with the board's longer status names a name may wrap in its column.
    expect(text).toMatch(/Hộ bà Lê Thị .{0,200}Cúc/);
    // The markup typed as a name is printed as text (wrapped in its narrow column).
    expect(text).toMatch(/<script>alert\(1\)(.{0,80})<\/script>/);
  });

  it('budget HTML page as PDF: header, title, lines, total', () => {
    const text = squash(pdfText(join(dir, 'budget-page.pdf')));
    for (const s of ['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ',
      'Nước uống đại biểu', '18.240.000', 'NGƯỜI LẬP BIỂU', 'CHỦ TỊCH'])
      expect(text).toContain(s);
  });
});
