/**
 * The board the export tests use: plan 27 as seeded, plus nominees of every kind (one with
 * markup in its name, one with a comma, quotes and a line break), two budget lines, a fund
 * amount, a moved card, a ticked checklist item, a card in the bin.
 */
import * as Y from 'yjs';
import { inflateRawSync } from 'node:zlib';
import { addCard, deleteCard, moveCard, readBoard, setChecklistItemDone, setFacts, renameUnit, type BoardSnapshot, type WriteContext } from '../../packages/core/src/index';
import { seedPlan27Board } from '../../packages/core/src/plan-27';
import { ctx as writeContext } from './write-context';

/** The time the exports are made in the tests: 2025-03-01 09:00 in Vietnam. */
export const EXPORT_NOW = '2025-03-01T02:00:00.000Z';

export const XSS_NAME = '<script>alert(1)</script>';
export const TRICKY_NAME = 'Nguyễn Văn "Tèo", Đội 3\nThôn Đông';

/** Edits of the fixture: counting ids `x-1`, `x-2`, … */
const ctx = (actor?: string, now?: string): WriteContext => writeContext(actor, now, 'x');

export function buildDoc(): Y.Doc {
  const doc = new Y.Doc();
  seedPlan27Board(doc, { boardId: 'binh-an-27', actor: 'seed', now: '2025-02-20T01:00:00.000Z' });
  // planNumber and fundingText are repeated: core's setFacts clears them when a patch leaves them out.
  const seeded = readBoard(doc).facts;
  setFacts(doc, {
    planNumber: seeded.planNumber,
    fundingText: seeded.fundingText,
    funds: [{ id: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commune emulation and commendation fund', amount: 20_000_000 }],
  }, ctx('Anh Minh (Tài chính)', '2025-02-22T03:00:00.000Z'));
  addCard(doc, {
    kind: 'nominee', id: 'nom-teo', unit: 'culture-society', name: TRICKY_NAME, nomineeKind: 'individual',
    achievement: 'Tích cực tham gia phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa"',
  }, ctx());
  addCard(doc, {
    kind: 'nominee', id: 'nom-binh-tay', unit: 'council', name: 'Thôn Bình Tây', nomineeKind: 'collective',
    achievement: 'Hoàn thành xuất sắc nhiệm vụ 5 năm (2020 – 2025)', awardForm: 'giay-khen',
    reviewStatus: 'approved', decisionDate: '2025-03-20',
    dossier: [{ id: 'd1', text: 'Tờ trình đề nghị' }, { id: 'd2', text: 'Báo cáo thành tích' }],
  }, ctx());
  addCard(doc, {
    kind: 'nominee', id: 'nom-binh', unit: 'council', name: 'Ông Trần Văn Bình', nomineeKind: 'individual',
    achievement: 'Chiến sĩ thi đua cơ sở', awardForm: 'lao-dong-tien-tien', reviewStatus: 'council-reviewed',
    decisionDate: '2025-03-20',
  }, ctx());
  addCard(doc, {
    kind: 'nominee', id: 'nom-cuc', unit: 'council', name: 'Hộ bà Lê Thị Cúc', nomineeKind: 'household',
    achievement: 'Gia đình văn hóa tiêu biểu 3 năm liền', awardForm: 'gia-dinh-van-hoa', reviewStatus: 'awarded',
    decisionDate: '2025-03-20',
  }, ctx());
  // No decision date and no conference date: priced on the export date (base 2,340,000).
  addCard(doc, {
    kind: 'nominee', id: 'nom-dung', unit: 'council', name: 'Bà Phạm Thị Dung', nomineeKind: 'individual',
    achievement: 'Tổ trưởng tổ phụ nữ tiêu biểu', awardForm: 'giay-khen',
  }, ctx());
  // Decided under the old base salary (1,800,000 from 2023-07-01).
  addCard(doc, {
    kind: 'nominee', id: 'nom-xss', unit: 'front', name: XSS_NAME, nomineeKind: 'individual',
    achievement: '<b>in đậm?</b> & "trích dẫn"', awardForm: 'giay-khen', decisionDate: '2024-06-15',
  }, ctx());
  addCard(doc, {
    kind: 'nominee', id: 'nom-deleted', unit: 'council', name: 'Hồ sơ nộp nhầm', nomineeKind: 'individual', awardForm: 'giay-khen',
  }, ctx());
  deleteCard(doc, 'nom-deleted', ctx('Chị Lan (Văn phòng)', '2025-02-23T04:00:00.000Z'));
  addCard(doc, {
    kind: 'budget', id: 'budget-speakers', unit: 'finance', line: 'Bồi dưỡng báo cáo tham luận', quantity: 5,
    unitPrice: 200_000, fundingSource: 'commendation-fund', status: 'approved',
  }, ctx('Anh Minh (Tài chính)'));
  addCard(doc, {
    kind: 'budget', id: 'budget-fuel', unit: 'finance', line: 'Xăng xe phục vụ Hội nghị (lít)', quantity: 12.5,
    unitPrice: 24_000, fundingSource: 'commendation-fund',
  }, ctx('Anh Minh (Tài chính)'));
  // A move (new order key) and a ticked checklist item, by someone else, later.
  moveCard(doc, 'budget-sound', { index: 0 }, ctx('Anh Minh (Tài chính)', '2025-02-24T05:00:00.000Z'));
  setChecklistItemDone(doc, 'nom-binh-tay', 'd1', true, ctx('Bác Hùng (Hội đồng)', '2025-02-25T06:00:00.000Z'));
  renameUnit(doc, 'front', { nameVi: 'UBMTTQVN và các tổ chức chính trị – xã hội' }, ctx());
  return doc;
}

export function buildBoard(): BoardSnapshot {
  return readBoard(buildDoc());
}

/** The files of a zip (an .xlsx), by name, as text. Stored and deflated entries only. */
export function unzipText(zip: Uint8Array): Map<string, string> {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, string>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    out.set(name, (method === 0 ? raw : inflateRawSync(raw)).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** RFC 4180 CSV to rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { /* CRLF: handled at \n */ }
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
