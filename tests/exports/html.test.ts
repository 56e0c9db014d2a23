import { describe, expect, it } from 'vitest';
import { budgetEstimateHtml, nomineeListHtml } from '../../packages/functions/src/exports/index';
import { buildBoard, EXPORT_NOW, TRICKY_NAME, XSS_NAME } from '../helpers/export-fixture';

const opts = { now: EXPORT_NOW };

/** What a reader sees: tags dropped, entities decoded, white space squashed. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

function expectSelfContained(html: string): void {
  expect(html.startsWith('<!DOCTYPE html>\n<html lang="vi">')).toBe(true);
  expect(html).toContain('<meta charset="utf-8">');
  expect(html).toMatch(/@page \{ size: A4 (landscape|portrait);/);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
  expect(html).not.toMatch(/\b(src|href)=/i);
  expect(html).not.toMatch(/url\(|@import|https?:/i);
  expect(html).not.toMatch(/\son[a-z]+=/i);
}

describe('nominee list HTML', () => {
  const html = nomineeListHtml(buildBoard(), 'vi', opts);
  const text = visibleText(html);

  it('is one complete printable page without scripts or outside resources', () => {
    expectSelfContained(html);
    expect(html).toContain('size: A4 landscape');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has the administrative header, the title, the date, the signature block', () => {
    for (const s of ['ỦY BAN NHÂN DÂN', 'XÃ BÌNH AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập – Tự do – Hạnh phúc',
      'Bình An, ngày 01/03/2025', 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', 'UBND xã Bình An – Kế hoạch số 27/KH-UBND',
      'NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']) expect(text).toContain(s);
  });

  it('shows every nominee with kind, unit, form, status and cash, and the total', () => {
    expect(text).toMatch(/2 Thôn Bình Tây Tập thể Hội đồng Thi đua – Khen thưởng Hoàn thành xuất sắc nhiệm vụ 5 năm \(2020 – 2025\) Giấy khen của Chủ tịch UBND xã Chủ tịch UBND đã duyệt 710\.000/);
    expect(text).toMatch(/3 Ông Trần Văn Bình Cá nhân .* Danh hiệu "Lao động tiên tiến" Hội đồng TĐ-KT đã xét 710\.000/);
    expect(text).toMatch(/4 Hộ bà Lê Thị Cúc Hộ gia đình .* Danh hiệu "Gia đình văn hóa" Đã khen thưởng 240\.000/);
    expect(text).toMatch(/5 Bà Phạm Thị Dung Cá nhân .* Đã đề xuất 360\.000/);
    expect(text).toMatch(/Tổng cộng 2\.290\.000/);
    expect(text).toContain(TRICKY_NAME);
    expect(html).toContain('Nguyễn Văn &quot;Tèo&quot;, Đội 3<br>Thôn Đông');
    expect(text).not.toContain('Hồ sơ nộp nhầm'); // in the bin
  });

  it('shows markup typed by a user as text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;in đậm?&lt;/b&gt; &amp; &quot;trích dẫn&quot;');
    expect(text).toContain(`6 ${XSS_NAME} Cá nhân`);
    expect(text).toContain('<b>in đậm?</b> & "trích dẫn"');
  });

  it('is in English with lang=en', () => {
    const en = nomineeListHtml(buildBoard(), 'en', opts);
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    const t = visibleText(en);
    for (const s of ["PEOPLE'S COMMITTEE", 'SOCIALIST REPUBLIC OF VIETNAM', 'LIST OF NOMINEES PROPOSED FOR COMMENDATION',
      'Binh An, 01/03/2025', 'Total 2,290,000', 'Certificate of merit of the commune chairman', 'PREPARED BY']) expect(t).toContain(s);
  });
});

describe('budget estimate HTML', () => {
  const html = budgetEstimateHtml(buildBoard(), 'vi', opts);
  const text = visibleText(html);

  it('is one complete printable page (A4 portrait) with header and signatures', () => {
    expectSelfContained(html);
    expect(html).toContain('size: A4 portrait');
    for (const s of ['ỦY BAN NHÂN DÂN', 'XÃ BÌNH AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập – Tự do – Hạnh phúc',
      'DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ', 'Bình An, ngày 01/03/2025', 'NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'])
      expect(text).toContain(s);
  });

  it('shows lines with grouped amounts, the award cash line, the total and the fund balance', () => {
    expect(text).toContain('1 Thuê âm thanh, ánh sáng 1 2.000.000 2.000.000 Quỹ thi đua, khen thưởng xã Dự kiến');
    expect(text).toContain('3 Nước uống đại biểu 150 15.000 2.250.000 Quỹ thi đua, khen thưởng xã Dự kiến');
    expect(text).toContain('8 Xăng xe phục vụ Hội nghị (lít) 12,5 24.000 300.000 Quỹ thi đua, khen thưởng xã Dự kiến');
    expect(text).toContain('9 Tiền thưởng kèm theo hình thức khen thưởng (5 đối tượng) 5 2.290.000 Quỹ thi đua, khen thưởng xã');
    expect(text).toContain('Tổng cộng 18.240.000');
    expect(text).toContain('Quỹ thi đua, khen thưởng xã: hiện có 20.000.000 đồng, dự toán 18.240.000 đồng, còn lại 1.760.000 đồng.');
  });
});
