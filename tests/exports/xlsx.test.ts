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
    expect(cells['A4']).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(cells['A5']).toBe('UBND xã Bình An – Kế hoạch số 27/KH-UBND');
    expect(['A7', 'B7', 'F7', 'H7'].map((r) => cells[r])).toEqual(['STT', 'Tên tập thể, hộ gia đình, cá nhân', 'Hình thức khen thưởng', 'Tiền thưởng (đồng)']);
    expect(cells['B8']).toBe(TRICKY_NAME);
    expect(cells['H8']).toBeUndefined();
    expect([cells['A9'], cells['B9'], cells['C9'], cells['F9'], cells['G9'], cells['H9']])
      .toEqual([2, 'Thôn Bình Tây', 'Tập thể', 'Giấy khen của Chủ tịch UBND xã', 'Chủ tịch UBND đã duyệt', 710_000]);
    expect(cells['B13']).toBe(XSS_NAME);
    expect(['H10', 'H11', 'H12', 'H13'].map((r) => cells[r])).toEqual([710_000, 240_000, 360_000, 270_000]);
    expect([cells['B14'], cells['H14']]).toEqual(['Tổng cộng', 2_290_000]);

    const stylesXml = files.get('xl/styles.xml')!;
    const fmt = /<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/.exec(stylesXml)!;
    expect(decode(fmt[2]!)).toBe('#,##0 "₫"');
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)![1]!).matchAll(/<xf ([^>]*?)\/?>/g)].map((m) => m[1]!);
    const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(stylesXml)![1]!).matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]!);
    const xfOf = (ref: string) => xfs[styles[ref]!]!;
    const bold = (ref: string) => fonts[Number(/fontId="(\d+)"/.exec(xfOf(ref))![1])]!.includes('<b/>');
    expect(xfOf('H9')).toContain(`numFmtId="${fmt[1]}"`);
    expect(xfOf('H14')).toContain(`numFmtId="${fmt[1]}"`);
    expect(bold('A7') && bold('H7') && bold('A4') && bold('B14') && bold('H14')).toBe(true);
    expect(bold('B9')).toBe(false);

    // The heading above the title, and the signature rows under the list (8 columns: 3 left, 5 right).
    expect([cells['A1'], cells['D1'], cells['A2'], cells['D2'], cells['D3']])
      .toEqual(['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ BÌNH AN', 'Độc lập – Tự do – Hạnh phúc', 'Bình An, ngày 01/03/2025']);
    expect(bold('D1') && bold('A2') && bold('D2')).toBe(true);
    expect([cells['A16'], cells['D16'], cells['A17'], cells['D17'], cells['D18']])
      .toEqual(['NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', '(Ký, ghi rõ họ tên)', 'CHỦ TỊCH', '(Ký tên, đóng dấu)']);
    expect(bold('A16') && bold('D16') && bold('D17')).toBe(true);

    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<mergeCell ref="A1:C1"/>');
    expect(sheet).toContain('<mergeCell ref="D1:H1"/>');
    expect(sheet).toContain('<col min="2" max="2" width="34" customWidth="1"/>');
    expect(sheet).toContain('<mergeCell ref="A4:H4"/>');
    expect(sheet).toMatch(/<pageSetup [^>]*orientation="landscape"[^>]*fitToWidth="1"/);
    expect(files.get('xl/workbook.xml')).toContain('name="Danh sách khen thưởng"');
  });

  it('budget estimate: lines, the award cash line and the total as numbers', async () => {
    const files = unzipText(await budgetEstimateXlsx(buildBoard(), 'vi', opts));
    const { cells } = readSheet(files);
    expect(cells['A4']).toBe('DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ');
    expect(cells['A5']).toBe('UBND xã Bình An – Kế hoạch số 27/KH-UBND');
    expect(['A7', 'B7', 'C7', 'D7', 'E7', 'F7', 'G7'].map((r) => cells[r]))
      .toEqual(['STT', 'Nội dung chi', 'Số lượng', 'Đơn giá (đồng)', 'Thành tiền (đồng)', 'Nguồn kinh phí', 'Trạng thái']);
    expect(['A10', 'B10', 'C10', 'D10', 'E10', 'F10', 'G10'].map((r) => cells[r]))
      .toEqual([3, 'Nước uống đại biểu', 150, 15_000, 2_250_000, 'Quỹ thi đua, khen thưởng xã', 'Dự kiến']);
    expect(['C15', 'D15', 'E15'].map((r) => cells[r])).toEqual([12.5, 24_000, 300_000]);
    expect(['B16', 'C16', 'E16', 'F16'].map((r) => cells[r]))
      .toEqual(['Tiền thưởng kèm theo hình thức khen thưởng (5 đối tượng)', 5, 2_290_000, 'Quỹ thi đua, khen thưởng xã']);
    expect([cells['B17'], cells['E17']]).toEqual(['Tổng cộng', 18_240_000]);
    expect(cells['A19']).toBe('Quỹ thi đua, khen thưởng xã: hiện có 20.000.000 đồng, dự toán 18.240.000 đồng, còn lại 1.760.000 đồng.');
  });

  it('English labels with lang=en', async () => {
    const { cells } = readSheet(unzipText(await nomineeListXlsx(buildBoard(), 'en', opts)));
    expect(cells['A4']).toBe('LIST OF NOMINEES PROPOSED FOR COMMENDATION');
    expect(cells['A5']).toBe("People's Committee of Binh An commune – Plan No. 27/KH-UBND");
    expect(cells['H7']).toBe('Cash award (VND)');
  });
});
