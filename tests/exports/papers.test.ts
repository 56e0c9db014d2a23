/**
 * The conference's papers (.docx in the form of Nghị định 30/2020/NĐ-CP), opened the way an
 * office opens them: LibreOffice (headless) converts each to PDF, pdftotext reads it back, and
 * the parts a paper must have are checked in their order, with the Vietnamese intact and the
 * totals and their words matching. PNG renderings of every page go to test-artifacts/papers/
 * for a person to look at (generated here, kept out of git).
 * The page setup Word shows (A4, margins, font) is read from the file itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { readBoard, setFacts, updateCard } from '../../packages/core/src/index';
import { seedPlan27Board } from '../../packages/core/src/plan-27';
import {
  PAPERS, awardDecisionDocx, awardDecisionSpec, programmeSpec, progressReportSpec, proposedListSpec, specText, splitPresenter,
  type PaperFile,
} from '../../packages/functions/src/exports/index';
import { requireTool } from '../helpers/tools';
import { convert, hasLibreOffice, hasPdftoppm, newProfile, pdfPages, pdfText, pdfToPng } from '../helpers/libreoffice';
import { buildDoc, EXPORT_NOW, unzipText } from '../helpers/export-fixture';

const run = requireTool('LibreOffice (soffice) with pdftotext and pdftoppm', hasLibreOffice && hasPdftoppm);
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'papers');
const OPTIONS = { now: EXPORT_NOW, number: '15', signer: 'Nguyễn Văn An' };

/** The fixture board, with the overdue task and the conference date a report speaks of. */
function paperBoard() {
  const doc = buildDoc();
  const seeded = readBoard(doc);
  const task = seeded.cards.find((c) => c.kind === 'task')!;
  updateCard(doc, task.id, { due: '2025-02-25', status: 'in-progress' }, { actor: 'Chị Lan', now: '2025-02-26T02:00:00.000Z' });
  setFacts(doc, { planNumber: seeded.facts.planNumber, fundingText: seeded.facts.fundingText, conferenceDate: '2025-03-28', delegateCount: 120 },
    { actor: 'Chị Lan', now: '2025-02-26T02:00:00.000Z' });
  return { board: readBoard(doc), overdueTitle: task.kind === 'task' ? task.title : '' };
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every part found, each after the one before it; fails naming the first part missing or out of order. */
function expectInOrder(text: string, parts: string[]): void {
  let at = 0;
  for (const part of parts) {
    const i = text.indexOf(part, at);
    if (i < 0) {
      const anywhere = text.indexOf(part);
      throw new Error(anywhere < 0 ? `"${part}" is not in the paper` : `"${part}" comes before the part expected ahead of it`);
    }
    at = i + part.length;
  }
}

const HEADING = ['ỦY BAN NHÂN DÂN', 'XÃ BÌNH AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

/**
 * A paper's parts: the heading's two columns (issuer and number | national heading, motto,
 * place and date) all there before the title — pdftotext reads a table's cells in an order of
 * its own — then the title and everything after it in order.
 */
function expectPaper(text: string, head: string[], title: string, rest: string[]): void {
  const end = text.indexOf(title);
  if (end < 0) throw new Error(`the title "${title}" is not in the paper`);
  const top = text.slice(0, end);
  for (const part of head) if (!top.includes(part)) throw new Error(`"${part}" is not in the heading (before "${title}")`);
  expectInOrder(text.slice(end), [title, ...rest]);
}

describe('papers as data (before layout)', () => {
  it('the award decision lists only what the chairman approved, with the cash in figures and words', () => {
    const { board } = paperBoard();
    const text = specText(awardDecisionSpec(board, OPTIONS)).join('\n');
    expect(text).toContain('Thôn Bình Tây');
    expect(text).toContain('Hộ bà Lê Thị Cúc'); // awarded
    expect(text).not.toContain('Ông Trần Văn Bình'); // only reviewed by the council
    expect(text).not.toContain('Bà Phạm Thị Dung'); // proposed
    expect(text).toContain('Tổng số tiền thưởng: 950.000 đồng (Bằng chữ: Chín trăm năm mươi nghìn đồng)');
    expect(text).toContain('Số: 15/QĐ-UBND');
  });

  it('leaves the number blank and prints no name when none is given, and takes the commune given', () => {
    const { board } = paperBoard();
    const spec = awardDecisionSpec(board, { now: EXPORT_NOW, commune: 'Tân Phú', parentBody: 'UBND huyện Bình Sơn' });
    expect(spec.issuer).toEqual(['UBND HUYỆN BÌNH SƠN', 'ỦY BAN NHÂN DÂN', 'XÃ TÂN PHÚ']);
    expect(spec.number).toMatch(/^Số: \u00a0{8}\/QĐ-UBND$/);
    expect(spec.placeDate).toBe('Tân Phú, ngày 01 tháng 3 năm 2025');
    expect(spec.signature).toEqual({ authority: null, title: 'CHỦ TỊCH', name: null });
  });

  it('a board without approved nominees gets a decision that says so and a zero total in words', () => {
    const doc = new Y.Doc();
    seedPlan27Board(doc, { boardId: 'b', actor: 'seed', now: EXPORT_NOW });
    const text = specText(awardDecisionSpec(readBoard(doc), OPTIONS)).join('\n');
    expect(text).toContain('Chưa có tập thể, hộ gia đình, cá nhân nào được Chủ tịch UBND xã duyệt khen thưởng.');
    expect(text).toContain('Bằng chữ: Không đồng');
    expect(specText(proposedListSpec(readBoard(doc), OPTIONS)).join('\n')).toContain('chưa xét hồ sơ đề nghị khen thưởng nào');
  });

  it('the programme puts a presenter in brackets in its own column, but not a year range', () => {
    expect(splitPresenter('Phát biểu hưởng ứng phong trào thi đua (Ủy ban Mặt trận TQVN xã)')).toEqual(['Phát biểu hưởng ứng phong trào thi đua', 'Ủy ban Mặt trận TQVN xã']);
    expect(splitPresenter('Báo cáo tổng kết 5 năm (2020 - 2025)')).toEqual(['Báo cáo tổng kết 5 năm (2020 - 2025)', '']);
    const { board } = paperBoard();
    const text = specText(programmeSpec(board, { ...OPTIONS, venue: 'Nhà văn hóa thôn Bình Tây' })).join('\n');
    expect(text).toContain('Ngày 28 tháng 3 năm 2025.');
    expect(text).toContain('Nhà văn hóa thôn Bình Tây.');
    expect(text).toContain('Theo giấy mời (tối đa 150 đại biểu).');
  });

  it('the progress report counts what the dashboard counts', () => {
    const { board, overdueTitle } = paperBoard();
    const text = specText(progressReportSpec(board, OPTIONS)).join('\n');
    expect(text).toContain('Kính gửi: Phòng Nội vụ huyện');
    expect(text).toContain('Tổng số nhiệm vụ: 12; đã hoàn thành: 0 (0%); đang thực hiện: 1; chưa thực hiện: 11; quá hạn: 1.');
    expect(text).toContain(`- ${overdueTitle} (Văn phòng – Thống kê, hạn 25/02/2025);`);
    expect(text).toContain('Số đại biểu dự kiến: 120/150 (tối đa theo kế hoạch).');
    expect(text).toContain('Hội nghị tổ chức ngày 28/03/2025, còn 27 ngày.');
  });

  it('every paper is an A4 Word file with margins 20/20/30/15 mm in Times New Roman 14 pt', async () => {
    const { board } = paperBoard();
    const xml = unzipText(await awardDecisionDocx(board, OPTIONS)).get('word/document.xml')!;
    // twips: A4 = 11906 × 16838; 20 mm = 1134, 30 mm = 1701, 15 mm = 850 (±1 for rounding)
    expect(xml).toMatch(/<w:pgSz w:w="1190[56]" w:h="1683[78]"/);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)![1]!;
    const v = (k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(mar)![1]);
    expect([v('top'), v('bottom'), v('left'), v('right')].map((t) => Math.round(t / 56.7))).toEqual([20, 20, 30, 15]);
    const styles = unzipText(await awardDecisionDocx(board, OPTIONS)).get('word/styles.xml')!;
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/);
  });
});

describe.skipIf(!run)('papers opened in LibreOffice', () => {
  let dir = '';
  const profile = newProfile();
  const text: Partial<Record<PaperFile, string>> = {};
  const pages: Partial<Record<PaperFile, number>> = {};
  let overdue = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'binh-an-papers-'));
    const { board, overdueTitle } = paperBoard();
    overdue = overdueTitle;
    const files: string[] = [];
    for (const [file, paper] of Object.entries(PAPERS)) {
      const path = join(dir, file);
      writeFileSync(path, await paper.make(board, OPTIONS));
      files.push(path);
    }
    const { ms } = await convert(files, { to: 'pdf', outDir: dir, profileUrl: profile.url });
    console.info(`LibreOffice: 5 papers .docx → PDF in ${ms} ms`);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const file of Object.keys(PAPERS) as PaperFile[]) {
      const pdf = join(dir, file.replace(/\.docx$/, '.pdf'));
      text[file] = squash(pdfText(pdf, { raw: true }));
      pages[file] = pdfPages(pdf);
      copyFileSync(join(dir, file), join(ARTIFACTS, file));
      pdfToPng(pdf, join(ARTIFACTS, file.replace(/\.docx$/, '')));
    }
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    profile.remove();
  });

  it('award decision: heading, Điều 1–3, Nơi nhận, signer, then the attached list with the same total in words', () => {
    const t = text['award-decision.docx']!;
    expectPaper(t, [...HEADING, 'Số: 15/QĐ-UBND', 'Bình An, ngày 01 tháng 3 năm 2025'], 'QUYẾT ĐỊNH', [ 'Về việc khen thưởng các tập thể, hộ gia đình và cá nhân',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH AN', 'Căn cứ Luật Thi đua, khen thưởng',
      'Căn cứ Kế hoạch số 27/KH-UBND ngày 20 tháng 02 năm 2025', 'QUYẾT ĐỊNH:',
      'Điều 1.', 'Khen thưởng 01 tập thể và 01 hộ gia đình', 'Tặng Giấy khen của Chủ tịch UBND xã cho 01 tập thể', 'Thôn Bình Tây',
      'Công nhận danh hiệu "Gia đình văn hóa" cho 01 hộ gia đình', 'Hộ bà Lê Thị Cúc',
      'Điều 2.', 'Tổng số tiền thưởng: 950.000 đồng (Bằng chữ: Chín trăm năm mươi nghìn đồng), trích từ Quỹ thi đua, khen thưởng xã.',
      'Điều 3.', 'chịu trách nhiệm thi hành Quyết định này',
      'Nơi nhận:', '- Như Điều 3;', '- Lưu: VT.', 'CHỦ TỊCH', 'Nguyễn Văn An',
      'DANH SÁCH KHEN THƯỞNG', '(Kèm theo Quyết định số 15/QĐ-UBND ngày 01 tháng 3 năm 2025 của Chủ tịch UBND xã Bình An)',
      'STT', 'Thôn Bình Tây', '710.000', 'Hộ bà Lê Thị Cúc', '240.000', 'Tổng cộng', '950.000',
      'Bằng chữ: Chín trăm năm mươi nghìn đồng',
    ]);
    expect(t).not.toContain('Ông Trần Văn Bình');
    expect(pages['award-decision.docx']).toBeGreaterThanOrEqual(2); // the list starts on a page of its own
  });

  it('proposed list: the council as issuer, the reviewed nominees and their total in words', () => {
    const t = text['proposed-list.docx']!;
    expectPaper(t, ['UBND XÃ BÌNH AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/DS-HĐTĐKT', 'Bình An, ngày 01 tháng 3 năm 2025'], 'DANH SÁCH', [ 'Đề nghị khen thưởng',
      'Hội đồng đề nghị Chủ tịch UBND xã xem xét, khen thưởng 01 tập thể, 01 hộ gia đình và 01 cá nhân',
      'Thôn Bình Tây', 'Ông Trần Văn Bình', 'Hộ bà Lê Thị Cúc', 'Tổng cộng', '1.660.000',
      'Bằng chữ: Một triệu sáu trăm sáu mươi nghìn đồng',
      'Nơi nhận:', 'TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', 'CHỦ TỊCH HỘI ĐỒNG', 'Nguyễn Văn An',
    ]);
    expect(t).not.toContain('Bà Phạm Thị Dung'); // still only proposed
  });

  it('budget estimate: every line, the award cash, the total and "Bằng chữ"', () => {
    const t = text['budget-estimate.docx']!;
    expectPaper(t, [...HEADING, 'Số: 15/DT-UBND', 'Bình An, ngày 01 tháng 3 năm 2025'], 'DỰ TOÁN', [ 'Kinh phí tổ chức Hội nghị tuyên dương điển hình tiên tiến',
      'Thuê âm thanh, ánh sáng', '2.000.000', 'Nước uống đại biểu', '150', '15.000', '2.250.000',
      'Xăng xe phục vụ Hội nghị (lít)', '12,5', '24.000', '300.000',
      'Tiền thưởng kèm theo hình thức khen thưởng (5 đối tượng)', '2.290.000',
      'Tổng cộng', '18.240.000', 'Bằng chữ: Mười tám triệu hai trăm bốn mươi nghìn đồng',
      'Nguồn kinh phí:', 'Quỹ thi đua, khen thưởng xã: hiện có 20.000.000 đồng, dự toán 18.240.000 đồng, còn lại 1.760.000 đồng.',
      'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An',
    ]);
  });

  it('programme: time, place, participants, then the agenda in order', () => {
    const t = text['programme.docx']!;
    expectPaper(t, [...HEADING, 'Số: 15/CTr-UBND'], 'CHƯƠNG TRÌNH', [ 'Hội nghị tuyên dương điển hình tiên tiến',
      'Thời gian: Ngày 28 tháng 3 năm 2025.', 'Địa điểm: Hội trường UBND xã Bình An.', 'Thành phần: Theo giấy mời (tối đa 150 đại biểu).',
      'Chào cờ', 'Tuyên bố lý do, giới thiệu đại biểu', 'Phát biểu khai mạc Hội nghị', 'Báo cáo tham luận của các điển hình tiên tiến',
      'Phát biểu hưởng ứng phong trào thi đua', 'Ủy ban Mặt trận TQVN xã', 'Bế mạc Hội nghị',
      'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH',
    ]);
  });

  it('progress report: addressee, the dashboard figures by unit, the overdue task, the money in words', () => {
    const t = text['progress-report.docx']!;
    expectPaper(t, [...HEADING, 'Số: 15/BC-UBND'], 'BÁO CÁO', [ 'Tiến độ thực hiện Kế hoạch số 27/KH-UBND', 'Kính gửi: Phòng Nội vụ huyện',
      'I. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ', 'Tổng số nhiệm vụ: 12; đã hoàn thành: 0 (0%); đang thực hiện: 1; chưa thực hiện: 11; quá hạn: 1.',
      'Văn phòng – Thống kê', 'Tài chính – Kế toán', 'Tổng cộng', 'Các nhiệm vụ quá hạn:', overdue.slice(0, 40),
      'II. CÔNG TÁC KHEN THƯỞNG', 'Tổng số hồ sơ đề nghị khen thưởng: 6 (1 tập thể, 1 hộ gia đình, 4 cá nhân)',
      'Tiền thưởng theo hình thức đã chọn: 2.290.000 đồng (Bằng chữ: Hai triệu hai trăm chín mươi nghìn đồng).',
      'III. KINH PHÍ', 'Tổng dự toán kinh phí (kể cả tiền thưởng): 18.240.000 đồng (Bằng chữ: Mười tám triệu hai trăm bốn mươi nghìn đồng).',
      'IV. CÔNG TÁC CHUẨN BỊ HỘI NGHỊ', 'Số đại biểu dự kiến: 120/150', 'Hội nghị tổ chức ngày 28/03/2025, còn 27 ngày.',
      'Nơi nhận:', '- Như trên;', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An',
    ]);
  });

  it('left a PNG of every page for a person to look at', () => {
    for (const f of ['award-decision-1.png', 'award-decision-2.png', 'proposed-list-1.png', 'budget-estimate-1.png', 'programme-1.png', 'progress-report-1.png'])
      expect(existsSync(join(ARTIFACTS, f))).toBe(true);
  });
});
