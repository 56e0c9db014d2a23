import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBoard, cardsInUnit, type TaskCard, type BudgetCard } from '../../packages/core/src/index';
import { PLAN_27_TEXT, seedPlan27Board, importPlan27, planTemplates } from '../../packages/core/src/plan-27';

const PLAN_FILE = new URL('../../../shared/plan/ke-hoach-27-KH-UBND.txt', import.meta.url);
const planText = readFileSync(PLAN_FILE, 'utf8');

function seeded() {
  const doc = new Y.Doc();
  seedPlan27Board(doc, { boardId: 'binh-an-27', actor: 'seed', now: '2025-02-20T01:00:00.000Z' });
  return { doc, board: readBoard(doc) };
}
const tasksOf = (unit: string) => cardsInUnit(seeded().board, unit).filter((c): c is TaskCard => c.kind === 'task');

describe('plan 27/KH-UBND as the board content', () => {
  it('embeds exactly the text of the plan file', () => {
    expect(PLAN_27_TEXT).toBe(planText);
  });

  it('has the five unit columns in order', () => {
    expect(seeded().board.units.map((u) => [u.id, u.nameVi])).toEqual([
      ['office-statistics', 'Văn phòng – Thống kê'],
      ['finance', 'Tài chính – Kế toán'],
      ['culture-society', 'Văn hóa – Xã hội'],
      ['council', 'Hội đồng Thi đua – Khen thưởng'],
      ['front', 'UBMTTQVN và các tổ chức chính trị – xã hội'],
    ]);
  });

  it('puts the four IV.1 tasks in the Office – Statistics column, in plan order, after the commune-wide II.1 tasks', () => {
    const tasks = tasksOf('office-statistics');
    expect(tasks.map((t) => [t.clause, t.description])).toEqual([
      ['II.1', expect.stringMatching(/^Tiếp tục quán triệt, tổ chức thực hiện tốt Luật Thi đua, khen thưởng năm 2022/)],
      ['II.1', expect.stringMatching(/^Các cơ quan, đơn vị trên địa bàn xã căn cứ vào tình hình thực tiễn/)],
      ['II.1', 'Chú trọng việc phát hiện các điển hình tiên tiến, nhân tố mới thực sự tiêu biểu trong các phong trào thi đua để suy tôn, biểu dương, tôn vinh, khen thưởng kịp thời; đồng thời bồi dưỡng, nhân rộng các điển hình tiên tiến để tạo sự lan tỏa thực sự hiệu quả trong đời sống xã hội.'],
      ['IV.1', 'Tham mưu họp Hội đồng thi đua – Khen thưởng xã lựa chọn các tập thể, hộ gia đình, cá nhân điển hình tiêu biểu xuất sắc đủ điều kiện tiêu chuẩn theo quy định để khen thưởng tại Hội nghị.'],
      ['IV.1', 'Xây dựng báo cáo tổng kết phong trào thi đua và công tác khen thưởng 5 năm (2020-2025), phương hướng, nhiệm vụ công tác thi đua, khen thưởng 5 năm tới (2025-2030).'],
      ['IV.1', 'Xây dựng chương trình và chuẩn bị các nội dung liên quan đến Hội nghị.'],
      ['IV.1', 'Phối hợp với Công chức Tài chính – Kế toán lập dự trù kinh phí tổ chức Hội nghị.'],
    ]);
    expect(tasks[5]!.title).toBe('Xây dựng chương trình và chuẩn bị các nội dung liên quan đến Hội nghị');
    expect(tasks.every((t) => t.status === 'todo')).toBe(true);
  });

  it('joins the II.1 paragraph split by a page break and keeps it whole', () => {
    const last = tasksOf('office-statistics')[2]!;
    expect(last.description).toContain('khen thưởng kịp thời; đồng thời');
    const culture = tasksOf('culture-society');
    expect(culture[0]!.clause).toBe('II.1');
    expect(culture[0]!.description).toMatch(/^Đẩy mạnh công tác tuyên truyền tư tưởng Hồ Chí Minh/);
    expect(culture[0]!.description).toContain('Bộ phận Văn hoá xã tập trung tuyên truyền về Hội nghị tuyên đương điển hình tiên tiến');
    expect(culture[0]!.description).toMatch(/Đại hội đại biểu toàn quốc lần thứ XIV của Đảng\.$/);
  });

  it('puts IV.2 – IV.5 in the finance, culture, council and front columns', () => {
    expect(tasksOf('finance').map((t) => [t.clause, t.description])).toEqual([
      ['IV.2', 'Phối hợp với công chức Văn phòng – Thống kê xây dựng dự toán kinh phí tổ chức hội nghị.'],
    ]);
    expect(tasksOf('culture-society').map((t) => [t.clause, t.title])).toEqual([
      ['II.1', expect.stringMatching(/^Đẩy mạnh công tác tuyên truyền/)],
      ['IV.3', 'Tuyên truyền về Hội nghị điển hình tiên tiến (trước, trong và sau Hội nghị)'],
    ]);
    expect(tasksOf('council').map((t) => [t.clause, t.description])).toEqual([
      ['IV.4', 'Thành viên của Hội đồng thi đua khen thưởng xã tham mưu cho Chủ tịch UBND xã khen thưởng những tập thể, cá nhân có thành tích xuất sắc, điển hình tiên tiến trong giai đoạn 2020-2025.'],
    ]);
    expect(tasksOf('front').map((t) => [t.clause, t.description])).toEqual([
      ['IV.5', 'Tiếp tục triển khai các hội viên, đoàn viên tích cực tham gia hưởng ứng các phong trào thi đua do xã và các cấp phát động.'],
    ]);
  });

  it('holds the 9 agenda items of "Chương trình Hội nghị" in order', () => {
    expect(seeded().board.agenda.map((a) => a.text)).toEqual([
      'Chào cờ',
      'Tuyên bố lý do, giới thiệu đại biểu',
      'Phát biểu khai mạc Hội nghị',
      'Thông qua báo cáo tổng kết phong trào thi đua và công tác khen thưởng 5 năm qua (2020 - 2025), phương hướng nhiệm vụ 5 năm (2025-2030)',
      'Báo cáo tham luận của các điển hình tiên tiến',
      'Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến',
      'Phát động phong trào thi đua giai đoạn 2025 - 2030',
      'Phát biểu hưởng ứng phong trào thi đua (Ủy ban Mặt trận TQVN xã)',
      'Bế mạc Hội nghị',
    ]);
  });

  it("holds the plan's facts: 150 delegates, one session in Q1 2025, 3 chairs, the commendation fund", () => {
    const { facts, title } = seeded().board;
    expect(title).toContain('27/KH-UBND');
    expect(facts.planNumber).toBe('27/KH-UBND');
    expect(facts.planDate).toBe('2025-02-20');
    expect(facts.delegateCap).toBe(150);
    expect(facts.session).toMatchObject({ count: 1, quarter: 1, year: 2025 });
    expect(facts.chairs).toBe(3);
    expect(facts.conferenceDate).toBeNull();
    expect(facts.funds.map((f) => f.nameVi)).toEqual(['Quỹ thi đua, khen thưởng xã']);
    expect(facts.awardFundId).toBe('commendation-fund');
    expect(facts.fundingText).toMatch(/^Thực hiện kinh phí từ nguồn ngân sách xã được trích từ quỹ thi đua khen thưởng xã\./);
  });

  it('has starter budget lines for the conference in the finance column, amounts = quantity × price', () => {
    const lines = cardsInUnit(seeded().board, 'finance').filter((c): c is BudgetCard => c.kind === 'budget');
    expect(lines.map((l) => [l.line, l.amount])).toEqual([
      ['Trang trí hội trường, phông nền (ma-két) Hội nghị', 2_500_000],
      ['Nước uống đại biểu', 2_250_000],
      ['In ấn tài liệu, giấy mời', 1_500_000],
      ['Khung giấy khen', 2_400_000],
      ['Hoa tươi tặng các điển hình tiên tiến', 4_000_000],
      ['Thuê âm thanh, ánh sáng', 2_000_000],
    ]);
    expect(lines.every((l) => l.fundingSource === 'commendation-fund')).toBe(true);
  });

  it('leaves nothing of the plan unplaced, and says which sections it read as background', () => {
    const r = importPlan27();
    expect(r.unplaced).toEqual([]);
    expect(r.plan.tasks).toHaveLength(12);
    expect(r.notes.filter((n) => n.code === 'background-section').map((n) => n.clause)).toEqual(
      expect.arrayContaining(['I.1', 'II.2', 'II.4']),
    );
  });

  it('seeding the same board on two replicas converges to one set of cards (stable ids)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    seedPlan27Board(a, { boardId: 'x', actor: 'a', now: '2025-02-20T01:00:00.000Z' });
    seedPlan27Board(b, { boardId: 'x', actor: 'b', now: '2025-02-20T01:00:01.000Z' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readBoard(a).cards.filter((c) => c.kind === 'task')).toHaveLength(12);
  });

  it('offers the plan 27 template and a blank template', () => {
    expect(planTemplates.map((t) => t.id)).toEqual(['plan-27', 'blank']);
    const doc = new Y.Doc();
    planTemplates[1]!.create(doc, { boardId: 'b', actor: 'x', now: '2025-01-01T00:00:00Z' });
    const board = readBoard(doc);
    expect(board.units).toHaveLength(5);
    expect(board.cards).toEqual([]);
  });
});
