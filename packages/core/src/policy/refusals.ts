/**
 * Why a write was undone: a stable code, the entry, and a short sentence in Vietnamese and in
 * English. The author gets `"<vi> / <en>"` as the y-protocols permission-denied reason.
 */
import type { EntryProblem } from '../board/entry-checks';

export type RefusalCode =
  | 'approve-nominee'
  | 'write-facts'
  | 'write-meta'
  | 'write-units'
  | 'purge-card'
  | 'comment-author'
  | 'invalid-value'
  | 'out-of-step'
  | 'read-only';

export interface Refusal {
  code: RefusalCode;
  vi: string;
  en: string;
  /** `vi / en`: what the refused client is told. */
  reason: string;
  /** The entry concerned: "cards.n1", "facts.funds", "units.finance", "meta.title", "agenda". */
  entry?: string;
  /** The card concerned, when there is one. */
  cardId?: string;
  /** What was wrong with the value (invalid-value). */
  problems?: EntryProblem[];
}

function refusal(code: RefusalCode, vi: string, en: string, extra: Partial<Refusal> = {}): Refusal {
  return { code, vi, en, reason: `${vi} / ${en}`, ...extra };
}

const UNDONE_VI = 'thay đổi đã được hoàn tác';
const UNDONE_EN = 'your change was undone';

export const REFUSALS = {
  approveNominee: (cardId: string) =>
    refusal('approve-nominee',
      `Chỉ lãnh đạo mới được duyệt khen thưởng ("đã duyệt"/"đã khen thưởng"); ${UNDONE_VI}`,
      `Only leaders may approve nominees ("approved"/"awarded"); ${UNDONE_EN}`,
      { entry: `cards.${cardId}`, cardId }),
  writeFacts: (key: string) =>
    refusal('write-facts',
      `Chỉ lãnh đạo mới được sửa thông tin kế hoạch và quỹ (${key}); ${UNDONE_VI}`,
      `Only leaders may change the plan's facts and funds (${key}); ${UNDONE_EN}`,
      { entry: `facts.${key}` }),
  writeMeta: (key: string) =>
    refusal('write-meta',
      `Chỉ quản trị viên mới được sửa thông tin bảng (${key}); ${UNDONE_VI}`,
      `Only admins may change the board's details (${key}); ${UNDONE_EN}`,
      { entry: `meta.${key}` }),
  writeUnits: (unitId: string) =>
    refusal('write-units',
      `Chỉ quản trị viên mới được thêm, sửa hoặc xóa cột (${unitId}); ${UNDONE_VI}`,
      `Only admins may add, change or remove columns (${unitId}); ${UNDONE_EN}`,
      { entry: `units.${unitId}` }),
  purgeCard: (cardId: string) =>
    refusal('purge-card',
      `Chỉ quản trị viên mới được xóa hẳn thẻ; hãy đưa thẻ vào thùng rác; ${UNDONE_VI}`,
      `Only admins may remove a card for good; put it in the bin instead; ${UNDONE_EN}`,
      { entry: `cards.${cardId}`, cardId }),
  commentAuthor: (cardId: string, commentId: string) =>
    refusal('comment-author',
      `Chỉ người viết mới được thêm, sửa hoặc xóa bình luận của mình (${commentId}); ${UNDONE_VI}`,
      `Only its author may add, change or delete a comment (${commentId}); ${UNDONE_EN}`,
      { entry: `cards.${cardId}`, cardId }),
  invalidValue: (entry: string, problems: EntryProblem[]) => {
    const first = problems[0];
    const cardId = entry.startsWith('cards.') ? entry.slice(6) : undefined;
    return refusal('invalid-value',
      `Giá trị không hợp lệ (${first?.vi ?? entry}); ${UNDONE_VI}`,
      `Invalid value (${first?.en ?? entry}); ${UNDONE_EN}`,
      { entry, problems, ...(cardId !== undefined ? { cardId } : {}) });
  },
  outOfStep: () =>
    refusal('out-of-step',
      'Bản bảng của bạn lệch với máy chủ; đang đồng bộ lại',
      'Your copy of the board is out of step with the server; resynchronising'),
  readOnly: () =>
    refusal('read-only',
      'Liên kết này chỉ để xem: thay đổi của bạn chưa được lưu',
      'This link is read-only: your change was not saved.'),
} as const;
