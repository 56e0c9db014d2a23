import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { importPlan, applyImportedPlan, findUnitMention } from '../../packages/core/src/plan-reading';
import { readBoard, cardsInUnit, type TaskCard } from '../../packages/core/src/index';
import { ctx } from '../helpers/write-context';

/** A plan of another commune: new units, "1.1." and "a)" numbering, agenda as lettered items. */
const PLAN_TAN_PHU = `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN PHÚ Độc lập – Tự do – Hạnh phúc

Số: 08/KH-UBND
Tân Phú, ngày 10 tháng 01 năm 2025

KẾ HOẠCH
Tổ chức Lễ mừng thọ người cao tuổi năm 2025

I. MỤC ĐÍCH, YÊU CẦU
- Phát huy truyền thống "Kính lão đắc thọ" của dân tộc.
- Tổ chức trang trọng, tiết kiệm.

II. NỘI DUNG, THỜI GIAN, THÀNH PHẦN
1. Thời gian tổ chức: 01 buổi, ngày 25/01/2025 tại Hội trường UBND xã.
2. Thành phần: Không quá 120 đại biểu.
3. Chương trình buổi lễ
a) Văn nghệ chào mừng;
b) Diễn văn khai mạc;
c) Trao quà mừng thọ;
d) Bế mạc.

III. KINH PHÍ
Từ nguồn ngân sách xã và nguồn xã hội hóa.

IV. TỔ CHỨC THỰC HIỆN
1. Hội Người cao tuổi xã
1.1. Lập danh sách người cao tuổi tròn 70, 75, 80, 85, 90 và trên 90 tuổi.
1.2. Phối hợp Trạm Y tế xã khám sức khỏe cho các cụ.
2. Trạm Y tế xã: Bố trí cán bộ y tế trực tại buổi lễ.
3. Công chức Văn hoá – Xã hội
a) Trang trí hội trường;
b) Chuẩn bị chương trình văn nghệ:
- Tập dượt tiết mục của đội văn nghệ thôn;
- Mượn âm thanh của Trường Tiểu học.
4. Công chức Tài chính - Kế toán: Lập dự toán, thanh quyết toán kinh phí.

Trên đây là Kế hoạch tổ chức Lễ mừng thọ năm 2025./.

Nơi nhận:
- Như trên;
- Lưu VT.`;

/** Tasks as numbered sentences with "+" sub-points, implementation as "- Unit: …" bullets. */
const PLAN_HOA_BINH = `UBND XÃ HÒA BÌNH
Số: 15/KH-UBND
Hòa Bình, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Triển khai phong trào "Toàn dân bảo vệ an ninh Tổ quốc" năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao ý thức cảnh giác của nhân dân.
2. Phát huy vai trò của các tổ an ninh tự quản.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tổ chức tuyên truyền trên hệ thống truyền thanh về phong trào, mỗi tuần 02 lần.
+ Biên soạn tin bài;
+ Phát sóng vào sáng thứ Hai và thứ Năm.
2. Công an xã rà soát, lập danh sách tổ an ninh tự quản ở các thôn.
3. Vận động nhân dân tham gia mô hình "Camera an ninh".
III. TỔ CHỨC THỰC HIỆN
- Công an xã: Chủ trì, tham mưu UBND xã triển khai kế hoạch; tổng hợp kết quả báo cáo trước ngày 15/12/2025.
- Đài truyền thanh xã: Thực hiện tuyên truyền theo nội dung mục II.1.
- Đoàn Thanh niên và Hội Cựu chiến binh xã: Vận động đoàn viên, hội viên tham gia tuần tra.
- Đề nghị các thôn thực hiện nghiêm túc Kế hoạch này.
Trên đây là Kế hoạch triển khai phong trào năm 2025.`;

describe('plan importer on a plan of another commune (Tân Phú)', () => {
  const r = importPlan(PLAN_TAN_PHU);

  it('finds the units, making new columns for units it does not know', () => {
    expect(r.plan.units.map((u) => [u.id, u.nameVi, u.known])).toEqual([
      ['hoi-nguoi-cao-tuoi-xa', 'Hội Người cao tuổi xã', false],
      ['tram-y-te-xa', 'Trạm Y tế xã', false],
      ['culture-society', 'Văn hóa – Xã hội', true],
      ['finance', 'Tài chính – Kế toán', true],
    ]);
    expect(r.notes.filter((n) => n.code === 'new-unit').map((n) => n.vi)).toEqual([
      'Đã tạo cột mới "Hội Người cao tuổi xã" (chưa có trong danh sách bộ phận)',
      'Đã tạo cột mới "Trạm Y tế xã" (chưa có trong danh sách bộ phận)',
    ]);
  });

  it('puts each task under its unit with its clause, sub-points as a checklist', () => {
    expect(r.plan.tasks.map((t) => [t.unit, t.clause, t.title])).toEqual([
      ['hoi-nguoi-cao-tuoi-xa', 'IV.1.1', 'Lập danh sách người cao tuổi tròn 70, 75, 80, 85, 90 và trên 90 tuổi'],
      ['hoi-nguoi-cao-tuoi-xa', 'IV.1.2', 'Phối hợp Trạm Y tế xã khám sức khỏe cho các cụ'],
      ['tram-y-te-xa', 'IV.2', 'Bố trí cán bộ y tế trực tại buổi lễ'],
      ['culture-society', 'IV.3.a', 'Trang trí hội trường'],
      ['culture-society', 'IV.3.b', 'Chuẩn bị chương trình văn nghệ'],
      ['finance', 'IV.4', 'Lập dự toán, thanh quyết toán kinh phí'],
    ]);
    expect(r.plan.tasks[4]!.checklist).toEqual(['Tập dượt tiết mục của đội văn nghệ thôn', 'Mượn âm thanh của Trường Tiểu học']);
  });

  it('reads the agenda, the facts and the funding sources', () => {
    expect(r.plan.agenda).toEqual(['Văn nghệ chào mừng', 'Diễn văn khai mạc', 'Trao quà mừng thọ', 'Bế mạc']);
    expect(r.plan.title).toBe('Tổ chức Lễ mừng thọ người cao tuổi năm 2025');
    expect(r.plan.facts).toMatchObject({
      planNumber: '08/KH-UBND', planDate: '2025-01-10', delegateCap: 120, conferenceDate: '2025-01-25',
      session: { count: 1, quarter: null, year: null },
    });
    expect(r.plan.facts.funds.map((f) => f.id)).toEqual(['commune-budget', 'socialised']);
    expect(r.unplaced).toEqual([]);
  });

  it('makes a board a person would expect', () => {
    const doc = new Y.Doc();
    applyImportedPlan(doc, r.plan, { boardId: 'tan-phu' }, ctx());
    const board = readBoard(doc);
    expect(board.title).toBe('Kế hoạch 08/KH-UBND: Tổ chức Lễ mừng thọ người cao tuổi năm 2025');
    expect(board.units.map((u) => u.nameVi)).toEqual(['Hội Người cao tuổi xã', 'Trạm Y tế xã', 'Văn hóa – Xã hội', 'Tài chính – Kế toán']);
    const culture = cardsInUnit(board, 'culture-society') as TaskCard[];
    expect(culture.map((c) => c.title)).toEqual(['Trang trí hội trường', 'Chuẩn bị chương trình văn nghệ']);
    expect(culture[1]!.checklist.map((i) => [i.text, i.done])).toEqual([
      ['Tập dượt tiết mục của đội văn nghệ thôn', false],
      ['Mượn âm thanh của Trường Tiểu học', false],
    ]);
    expect(board.agenda.map((a) => a.text)).toHaveLength(4);
  });
});

describe('plan importer on a plan with numbered tasks and bulleted units (Hòa Bình)', () => {
  it('places tasks by the unit they name and reports the ones naming no unit', () => {
    const r = importPlan(PLAN_HOA_BINH);
    expect(r.plan.units.map((u) => u.nameVi)).toEqual([
      'Công an xã', 'Đài truyền thanh xã', 'Đoàn Thanh niên và Hội Cựu chiến binh xã',
    ]);
    expect(r.plan.tasks.map((t) => [t.unit, t.clause, t.title])).toEqual([
      ['cong-an-xa', 'II.2', 'Công an xã rà soát, lập danh sách tổ an ninh tự quản ở các thôn'],
      ['cong-an-xa', 'III', 'Chủ trì, tham mưu UBND xã triển khai kế hoạch'],
      ['dai-truyen-thanh-xa', 'III', 'Thực hiện tuyên truyền theo nội dung mục II.1'],
      ['doan-thanh-nien-va-hoi-cuu-chien-binh-xa', 'III', 'Vận động đoàn viên, hội viên tham gia tuần tra'],
    ]);
    // Nothing silently lost: the two II tasks that name no unit and the III bullet without one.
    expect(r.unplaced.map((u) => [u.code, u.clause, u.text])).toEqual([
      ['no-unit', 'III', 'Đề nghị các thôn thực hiện nghiêm túc Kế hoạch này.'],
      ['no-unit', 'II.1', 'Tổ chức tuyên truyền trên hệ thống truyền thanh về phong trào, mỗi tuần 02 lần.'],
      ['no-unit', 'II.3', 'Vận động nhân dân tham gia mô hình "Camera an ninh".'],
    ]);
    expect(r.unplaced[1]!.vi).toBe('Việc này không nêu bộ phận thực hiện; chưa đặt vào cột nào');
    expect(r.unplaced[1]!.en).toBe('This task names no unit; it was not put in any column');
    expect(r.plan.agenda).toEqual([]);
    expect(r.plan.facts.planNumber).toBe('15/KH-UBND');
  });

  it('with a default unit, the unnamed tasks go there and keep their sub-points', () => {
    const r = importPlan(PLAN_HOA_BINH, { defaultUnit: 'cong-an-xa' });
    const ii1 = r.plan.tasks.find((t) => t.clause === 'II.1')!;
    expect(ii1.unit).toBe('cong-an-xa');
    expect(ii1.checklist).toEqual(['Biên soạn tin bài', 'Phát sóng vào sáng thứ Hai và thứ Năm']);
    expect(r.unplaced.map((u) => u.clause)).toEqual(['III']);
  });

  it('reports text outside any section instead of dropping it', () => {
    const r = importPlan('KẾ HOẠCH\nViệc gì đó\n- Chuẩn bị hội trường\nI. NHIỆM VỤ\n- Văn phòng UBND chuẩn bị giấy mời.');
    expect(r.unplaced).toEqual([]);
    expect(r.plan.tasks.map((t) => [t.unit, t.clause])).toEqual([['office-statistics', 'I']]);
    const r2 = importPlan('I. NỘI DUNG\nPhần mở đầu.\nII. NHIỆM VỤ\n- Văn phòng UBND chuẩn bị giấy mời.\nMột đoạn không có gạch đầu dòng.');
    expect(r2.unplaced.map((u) => [u.code, u.text])).toEqual([
      ['unparsed', 'Phần mở đầu.'],
      ['unparsed', 'Một đoạn không có gạch đầu dòng.'],
    ]);
  });
});

describe('finding the unit a line names', () => {
  const dictionary = [
    { id: 'youth', nameVi: 'Đoàn Thanh niên', nameEn: 'Youth Union', aliases: ['Đoàn'] },
    { id: 'youth-league-office', nameVi: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh xã', nameEn: 'Youth League office', aliases: [] },
    { id: 'front', nameVi: 'UBMTTQVN', nameEn: 'Front', aliases: ['MTTQ', 'Ủy ban MTTQ'] },
  ];

  it('takes the name that comes first in the line', () => {
    expect(findUnitMention('Phối hợp với Đoàn Thanh niên và MTTQ', dictionary)).toMatchObject({ id: 'youth' });
    expect(findUnitMention('Ủy ban MTTQ xã chủ trì, Đoàn phối hợp', dictionary)).toMatchObject({ id: 'front' });
  });

  it('where two names start at the same place, takes the longer (more specific) one, whatever the dictionary order', () => {
    expect(findUnitMention('Đoàn Thanh niên Cộng sản Hồ Chí Minh xã tổ chức', dictionary)).toMatchObject({ id: 'youth-league-office' });
    expect(findUnitMention('Đoàn Thanh niên Cộng sản Hồ Chí Minh xã tổ chức', [...dictionary].reverse())).toMatchObject({ id: 'youth-league-office' });
  });

  it('names nothing when no unit is named', () => {
    expect(findUnitMention('Các thôn tổ chức họp dân', dictionary)).toBeNull();
  });
});
