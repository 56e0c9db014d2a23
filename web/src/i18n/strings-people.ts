/** Sentences of comments, people (assignees, "my tasks"), the column manager and edit conflicts. Vietnamese first. */
import { lang } from './index';

const s = <T extends Record<string, { vi: string; en: string }>>(x: T) => x;

export const PEOPLE_STRINGS = s({
  comments: { vi: 'Bình luận', en: 'Comments' },
  commentsCount: { vi: '{n} bình luận', en: '{n} comment(s)' },
  noComments: { vi: 'Chưa có bình luận nào.', en: 'No comments yet.' },
  newComment: { vi: 'Viết bình luận', en: 'Write a comment' },
  commentHint: { vi: 'Gõ @ để nhắc tên một thành viên của bảng.', en: 'Type @ to mention a member of the board.' },
  send: { vi: 'Gửi', en: 'Send' },
  edit: { vi: 'Sửa', en: 'Edit' },
  delete: { vi: 'Xóa', en: 'Delete' },
  saveComment: { vi: 'Lưu bình luận', en: 'Save comment' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  edited: { vi: 'đã sửa', en: 'edited' },
  confirmDeleteComment: { vi: 'Xóa bình luận này?', en: 'Delete this comment?' },
  commentDeleted: { vi: 'Đã xóa bình luận', en: 'Comment deleted' },
  commentSent: { vi: 'Đã gửi bình luận', en: 'Comment sent' },
  mentionSuggestions: { vi: 'Gợi ý thành viên', en: 'Member suggestions' },
  mentionedYou: { vi: 'nhắc đến bạn', en: 'mentions you' },
  you: { vi: 'bạn', en: 'you' },
  assigneeHint: { vi: 'Chọn thành viên của bảng hoặc gõ tên người ngoài hệ thống.', en: 'Choose a board member or type the name of someone outside the system.' },
  myTasks: { vi: 'Việc của tôi', en: 'My tasks' },
  myTasksNeedsName: { vi: 'Hãy nhập tên của bạn (nút “Đổi tên”) để lọc việc của tôi.', en: 'Enter your name (the “Change name” button) to filter your tasks.' },
  myTasksAs: { vi: 'việc giao cho {name}', en: 'tasks assigned to {name}' },
  columnsManage: { vi: 'Quản lý cột', en: 'Manage columns' },
  columnsTitle: { vi: 'Các cột (bộ phận phụ trách)', en: 'Columns (responsible units)' },
  columnsHelp: { vi: 'Chỉ quản trị viên của bảng được thêm, đổi tên, sắp xếp và xóa cột. Mọi người xem bảng thấy thay đổi ngay.', en: 'Only the board’s admins add, rename, reorder and remove columns. Everyone on the board sees the change at once.' },
  columnNameVi: { vi: 'Tên tiếng Việt', en: 'Vietnamese name' },
  columnNameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  addColumn: { vi: 'Thêm cột', en: 'Add column' },
  rename: { vi: 'Lưu tên', en: 'Save names' },
  moveUp: { vi: 'Lên', en: 'Up' },
  moveDown: { vi: 'Xuống', en: 'Down' },
  moveUpLabel: { vi: 'Đưa cột {name} lên', en: 'Move column {name} up' },
  moveDownLabel: { vi: 'Đưa cột {name} xuống', en: 'Move column {name} down' },
  removeColumn: { vi: 'Xóa cột', en: 'Remove column' },
  removeColumnLabel: { vi: 'Xóa cột {name}', en: 'Remove column {name}' },
  removeColumnAsk: { vi: 'Cột “{name}” đang có {n} thẻ. Chuyển các thẻ này sang:', en: 'Column “{name}” holds {n} card(s). Move them to:' },
  removeColumnEmpty: { vi: 'Xóa cột “{name}” (cột không có thẻ nào)?', en: 'Remove column “{name}” (it holds no cards)?' },
  unassignedColumn: { vi: 'Cột “Chưa phân công”', en: 'The “Unassigned” column' },
  confirmRemove: { vi: 'Xóa cột và chuyển thẻ', en: 'Remove and move the cards' },
  confirmRemoveEmpty: { vi: 'Xóa cột', en: 'Remove column' },
  columnAdded: { vi: 'Đã thêm cột {name}', en: 'Column {name} added' },
  columnRenamed: { vi: 'Đã đổi tên cột thành {name}', en: 'Column renamed to {name}' },
  columnRemoved: { vi: 'Đã xóa cột {name}; {n} thẻ đã chuyển sang {to}', en: 'Column {name} removed; {n} card(s) moved to {to}' },
  columnMoved: { vi: 'Cột {name} ở vị trí {pos}', en: 'Column {name} is now at position {pos}' },
  columnsCards: { vi: '{n} thẻ', en: '{n} card(s)' },
  overwrittenTitle: { vi: 'Bạn vừa ghi đè thay đổi của người khác', en: 'You just overwrote someone else’s change' },
  overwrittenField: { vi: '{field}: phiên bản kia là “{other}”', en: '{field}: the other version was “{other}”' },
  takeOtherBack: { vi: 'Lấy lại phiên bản kia', en: 'Take the other version back' },
  keepMine: { vi: 'Giữ bản của tôi', en: 'Keep mine' },
  overwrittenByOther: { vi: '{who} vừa ghi đè thay đổi của bạn', en: '{who} just overwrote your change' },
  someoneElse: { vi: 'Người khác', en: 'Someone else' },
  overwrittenMine: { vi: '{field} của “{card}” giờ là “{theirs}”; bản của bạn là “{mine}”', en: '{field} of “{card}” is now “{theirs}”; yours was “{mine}”' },
  overwrittenMineName: { vi: '{field} “{mine}” của bạn giờ là “{theirs}”', en: 'Your {field} “{mine}” is now “{theirs}”' },
  takeMineBack: { vi: 'Lấy lại bản của bạn', en: 'Take yours back' },
  mineRestored: { vi: 'Đã lấy lại bản của bạn cho {field}', en: 'Your version of {field} is back' },
  otherRestored: { vi: 'Đã lấy lại phiên bản kia của {field}', en: 'The other version of {field} is back' },
  changedMeanwhile: { vi: 'Trong lúc bạn sửa, {field} đã được người khác đổi thành “{other}”. Nếu lưu, bản của bạn sẽ thay thế.', en: 'While you were editing, someone changed {field} to “{other}”. Saving replaces it with yours.' },
});

export type PeopleKey = keyof typeof PEOPLE_STRINGS;

/** Like t(), for these sentences. */
export function tp(key: PeopleKey, vars?: Record<string, string | number>): string {
  let out: string = PEOPLE_STRINGS[key][lang()];
  if (vars) for (const [k, v] of Object.entries(vars)) out = out.split(`{${k}}`).join(String(v));
  return out;
}
