import { describe, expect, it } from 'vitest';
import { budgetEstimateXlsx, nomineeListXlsx } from '../../packages/functions/src/exports/index';
import { buildBoard, EXPORT_NOW, TRICKY_NAME, unzipText, XSS_NAME } from '../helpers/export-fixture';

const opts = { now: EXPORT_NOW };

function decode(xml: string): string {
  return xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Cells of the sheet as { A1: value } with shared strings resolved, and each cell's style index. */
function readSheet(files: Map<string, string>): { cells: Record<string, string | number>; styles: Record<string, number> } {
  const shared = [...files.get('xl/sharedStrings.xml')!.matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const sheet = files.get('xl/worksheets/sheet1.xml')!;
  const cells: Record<string, string | number> = {};
  const styles: Record<string, number> = {};
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, ref, attrs, inner] = m;
    const s = /s="(\d+)"/.exec(attrs!);
    if (s) styles[ref!] = Number(s[1]);
    const v = inner ? /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] : undefined;
    if (v === undefined) continue;
    cells[ref!] = /t="s"/.test(attrs!) ? shared[Number(v)]! : Number(v);
  }
  return { cells, styles };
}

describe('XLSX exports', () => {
  it('nominee list: title, commune and plan, bold header, names as text, cash as numbers in VND format', async () => {
    const bytes = await nomineeListXlsx(buildBoard(), 'vi', opts);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    const files = unzipText(bytes);
    const { cells, styles } = readSheet(files);
    expect(cells['A1']).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(cells['A2']).toBe('UBND xã Bình An – Kế hoạch số 27/KH-UBND');
    expect(['A4', 'B4', 'F4', 'H4'].map((r) => cells[r])).toEqual(['STT', 'Tên tập thể, hộ gia đình, cá nhân', 'Hình thức khen thưởng', 'Tiền thưởng (đồng)']);
    expect(cells['B5']).toBe(TRICKY_NAME);
    expect(cells['H5']).toBeUndefined();
    expect([cells['A6'], cells['B6'], cells['C6'], cells['F6'], cells['G6'], cells['H6']])
      .toEqual([2, 'Thôn Bình Tây', 'Tập thể', 'Giấy khen của Chủ tịch UBND xã', 'Chủ tịch đã duyệt', 710_000]);
    expect(cells['B10']).toBe(XSS_NAME);
    expect(['H7', 'H8', 'H9', 'H10'].map((r) => cells[r])).toEqual([710_000, 240_000, 360_000, 270_000]);
    expect([cells['B11'], cells['H11']]).toEqual(['Tổng cộng', 2_290_000]);

    const stylesXml = files.get('xl/styles.xml')!;
    const fmt = /<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/.exec(stylesXml)!;
    expect(decode(fmt[2]!)).toBe('#,##0 "₫"');
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)![1]!).matchAll(/<xf ([^>]*?)\/?>/g)].map((m) => m[1]!);
    const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(stylesXml)![1]!).matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]!);
    const xfOf = (ref: string) => xfs[styles[ref]!]!;
    const bold = (ref: string) => fonts[Number(/fontId="(\d+)"/.exec(xfOf(ref))![1])]!.includes('<b/>');
    expect(xfOf('H6')).toContain(`numFmtId="${fmt[1]}"`);
    expect(xfOf('H11')).toContain(`numFmtId="${fmt[1]}"`);
    expect(bold('A4') && bold('H4') && bold('A1') && bold('B11') && bold('H11')).toBe(true);
    expect(bold('B6')).toBe(false);

    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<col min="2" max="2" width="32" customWidth="1"/>');
    expect(sheet).toContain('<mergeCell ref="A1:H1"/>');
    expect(sheet).toMatch(/<pageSetup [^>]*orientation="landscape"[^>]*fitToWidth="1"/);
    expect(files.get('xl/workbook.xml')).toContain('name="Danh sách khen thưởng"');
  });

  it('budget estimate: lines, the award cash line and the total as numbers', async () => {
    const files = unzipText(await budgetEstimateXlsx(buildBoard(), 'vi', opts));
    const { cells } = readSheet(files);
    expect(cells['A1']).toBe('DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ');
    expect(cells['A2']).toBe('UBND xã Bình An – Kế hoạch số 27/KH-UBND');
    expect(['A4', 'B4', 'C4', 'D4', 'E4', 'F4', 'G4'].map((r) => cells[r]))
      .toEqual(['STT', 'Nội dung chi', 'Số lượng', 'Đơn giá (đồng)', 'Thành tiền (đồng)', 'Nguồn kinh phí', 'Trạng thái']);
    expect(['A7', 'B7', 'C7', 'D7', 'E7', 'F7', 'G7'].map((r) => cells[r]))
      .toEqual([3, 'Nước uống đại biểu', 150, 15_000, 2_250_000, 'Quỹ thi đua, khen thưởng xã', 'Dự kiến']);
    expect(['C12', 'D12', 'E12'].map((r) => cells[r])).toEqual([12.5, 24_000, 300_000]);
    expect(['B13', 'C13', 'E13', 'F13'].map((r) => cells[r]))
      .toEqual(['Tiền thưởng kèm theo hình thức khen thưởng (5 đối tượng)', 5, 2_290_000, 'Quỹ thi đua, khen thưởng xã']);
    expect([cells['B14'], cells['E14']]).toEqual(['Tổng cộng', 18_240_000]);
    expect(cells['A16']).toBe('Quỹ thi đua, khen thưởng xã: hiện có 20.000.000 đồng, dự toán 18.240.000 đồng, còn lại 1.760.000 đồng.');
  });

  it('English labels with lang=en', async () => {
    const { cells } = readSheet(unzipText(await nomineeListXlsx(buildBoard(), 'en', opts)));
    expect(cells['A1']).toBe('LIST OF NOMINEES PROPOSED FOR COMMENDATION');
    expect(cells['A2']).toBe("People's Committee of Binh An commune – Plan No. 27/KH-UBND");
    expect(cells['H4']).toBe('Cash award (VND)');
  });
});
