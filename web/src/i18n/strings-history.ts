/** Sentences of undo/redo, the trash, the card history and the activity page. */
import { lang } from './index';

const s = <T extends Record<string, { vi: string; en: string }>>(x: T) => x;

export const HISTORY_STRINGS = s({
  toolbar: { vi: 'Công cụ của bảng', en: 'Board tools' },
  undo: { vi: 'Hoàn tác', en: 'Undo' },
  redo: { vi: 'Làm lại', en: 'Redo' },
  undoHint: { vi: 'Hoàn tác thay đổi của bạn (Ctrl+Z)', en: 'Undo your change (Ctrl+Z)' },
  redoHint: { vi: 'Làm lại (Ctrl+Shift+Z hoặc Ctrl+Y)', en: 'Redo (Ctrl+Shift+Z or Ctrl+Y)' },
  undone: { vi: 'Đã hoàn tác thay đổi của bạn', en: 'Your change was undone' },
  redone: { vi: 'Đã làm lại thay đổi của bạn', en: 'Your change was redone' },
  nothingToUndo: { vi: 'Không còn thay đổi nào của bạn để hoàn tác', en: 'Nothing of yours left to undo' },
  overwritten: { vi: 'Thay đổi gần nhất của bạn đã bị người khác ghi đè (hoặc máy chủ đã hoàn tác): không có gì được hoàn tác', en: 'Your last change was overwritten by someone else (or undone by the server): nothing was undone' },
  nothingToRedo: { vi: 'Không có gì để làm lại', en: 'Nothing to redo' },
  trash: { vi: 'Thùng rác', en: 'Trash' },
  trashTitle: { vi: 'Thùng rác: thẻ đã xóa', en: 'Trash: deleted cards' },
  trashIntro: { vi: 'Thẻ đã xóa vẫn được giữ ở đây. Cán bộ có thể khôi phục; chỉ quản trị viên xóa hẳn.', en: 'Deleted cards are kept here. Staff can restore them; only an administrator deletes them for good.' },
  trashEmpty: { vi: 'Thùng rác trống.', en: 'The trash is empty.' },
  deletedByAt: { vi: 'Xóa bởi {who} lúc {when}', en: 'Deleted by {who} on {when}' },
  restore: { vi: 'Khôi phục', en: 'Restore' },
  restoreCard: { vi: 'Khôi phục thẻ {card}', en: 'Restore card {card}' },
  purge: { vi: 'Xóa hẳn', en: 'Delete for good' },
  purgeCard: { vi: 'Xóa hẳn thẻ {card}', en: 'Delete card {card} for good' },
  purgeConfirmTitle: { vi: 'Xóa hẳn thẻ?', en: 'Delete the card for good?' },
  purgeConfirm: { vi: 'Thẻ “{card}” sẽ bị xóa hẳn và không khôi phục được nữa.', en: 'Card “{card}” will be deleted for good and cannot be restored.' },
  restoredCard: { vi: 'Đã khôi phục thẻ {card}', en: 'Restored card {card}' },
  purgedCard: { vi: 'Đã xóa hẳn thẻ {card}', en: 'Deleted card {card} for good' },
  onlyAdminsPurge: { vi: 'Chỉ quản trị viên được xóa hẳn thẻ', en: 'Only administrators delete cards for good' },
  close: { vi: 'Đóng', en: 'Close' },
  history: { vi: 'Lịch sử thay đổi', en: 'History of changes' },
  historyOfCard: { vi: 'Lịch sử thay đổi của thẻ', en: 'History of this card' },
  activity: { vi: 'Hoạt động', en: 'Activity' },
  activityTitle: { vi: 'Hoạt động trên bảng', en: 'Activity on the board' },
  activityIntro: { vi: 'Ai đã thay đổi gì, khi nào (mới nhất trước).', en: 'Who changed what, and when (newest first).' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  noHistory: { vi: 'Chưa có thay đổi nào được ghi lại.', en: 'No change recorded yet.' },
  historyUnavailable: { vi: 'Không đọc được lịch sử: {reason}', en: 'Could not read the history: {reason}' },
  older: { vi: 'Xem cũ hơn', en: 'Show older' },
  newest: { vi: 'Về mới nhất', en: 'Back to newest' },
  page: { vi: 'Trang {n}', en: 'Page {n}' },
  when: { vi: 'Thời gian', en: 'When' },
  who: { vi: 'Người thực hiện', en: 'Who' },
  what: { vi: 'Thay đổi', en: 'What' },
  card: { vi: 'Thẻ', en: 'Card' },
  selfDeclared: { vi: 'tự khai', en: 'self-declared' },
  viaLink: { vi: 'qua liên kết “{label}”', en: 'through the link “{label}”' },
  unknownPerson: { vi: 'không rõ', en: 'unknown' },
  actionCreated: { vi: 'tạo thẻ', en: 'created the card' },
  actionUpdated: { vi: 'sửa', en: 'changed' },
  actionMoved: { vi: 'chuyển cột/vị trí', en: 'moved' },
  actionDeleted: { vi: 'xóa vào thùng rác', en: 'moved to the trash' },
  actionRestored: { vi: 'khôi phục', en: 'restored' },
  actionPurged: { vi: 'xóa hẳn', en: 'deleted for good' },
  empty: { vi: '(trống)', en: '(empty)' },
  noItemBefore: { vi: '(mục mới)', en: '(new item)' },
  itemRemoved: { vi: '(đã bỏ mục)', en: '(item removed)' },
  boardChange: { vi: 'Bảng', en: 'Board' },
  removedCard: { vi: '(thẻ đã xóa hẳn)', en: '(card deleted for good)' },
  items: { vi: '{n} mục', en: '{n} items' },
});

export type HistoryKey = keyof typeof HISTORY_STRINGS;

export function th(key: HistoryKey, vars?: Record<string, string | number>): string {
  let out: string = HISTORY_STRINGS[key][lang()];
  if (vars) for (const [k, v] of Object.entries(vars)) out = out.split(`{${k}}`).join(String(v));
  return out;
}
