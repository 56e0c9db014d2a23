/** Sentences of the signed-in pages and the sharing panel (loaded with them, not at start). */
import type { Role } from '@binhan/core';
import { lang } from './index';

const s = <T extends Record<string, { vi: string; en: string }>>(x: T) => x;

export const ACCOUNT_STRINGS = s({
  signInTitle: { vi: 'Đăng nhập', en: 'Sign in' },
  signInIntro: { vi: 'Cán bộ đăng nhập bằng e-mail và mật khẩu được cấp để mở các bảng kế hoạch.', en: 'Staff sign in with the e-mail and password they were given to open the planning boards.' },
  email: { vi: 'E-mail', en: 'E-mail' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  signingIn: { vi: 'Đang đăng nhập…', en: 'Signing in…' },
  wrongPassword: { vi: 'E-mail hoặc mật khẩu không đúng. Hãy kiểm tra lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt).', en: 'Wrong e-mail or password. Check them (mind upper/lower case and the Vietnamese keyboard).' },
  tooManyAttempts: { vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {wait}.', en: 'Too many failed sign-ins. Please try again in {wait}.' },
  minutes: { vi: '{n} phút', en: '{n} minute(s)' },
  seconds: { vi: '{n} giây', en: '{n} second(s)' },
  fieldRequired: { vi: 'Hãy nhập {field}', en: 'Please enter {field}' },
  inviteTitle: { vi: 'Nhận lời mời tham gia', en: 'Accept the invitation' },
  inviteIntro: { vi: 'Bạn được mời tham gia bảng kế hoạch của UBND xã Bình An. Hãy nhập họ tên và đặt mật khẩu để bắt đầu.', en: 'You are invited to the planning boards of Bình An Commune. Enter your name and choose a password to start.' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  newPassword: { vi: 'Mật khẩu mới', en: 'New password' },
  passwordHint: { vi: 'Ít nhất {n} ký tự.', en: 'At least {n} characters.' },
  passwordTooShort: { vi: 'Mật khẩu cần ít nhất {n} ký tự', en: 'The password needs at least {n} characters' },
  acceptInvite: { vi: 'Đặt mật khẩu và vào bảng', en: 'Set password and continue' },
  myBoards: { vi: 'Các bảng kế hoạch', en: 'Planning boards' },
  noBoards: { vi: 'Bạn chưa là thành viên của bảng nào. Hãy đề nghị quản trị viên mời bạn.', en: 'You are not a member of any board yet. Ask an administrator to invite you.' },
  openBoard: { vi: 'Mở bảng', en: 'Open board' },
  openingBoard: { vi: 'Đang mở bảng…', en: 'Opening the board…' },
  yourRole: { vi: 'Vai trò của bạn', en: 'Your role' },
  createdOn: { vi: 'Tạo ngày {date}', en: 'Created {date}' },
  newBoard: { vi: 'Tạo bảng mới', en: 'New board' },
  boardTitle: { vi: 'Tên bảng', en: 'Board title' },
  template: { vi: 'Nội dung ban đầu', en: 'Start from' },
  templatePlan27: { vi: 'Theo Kế hoạch 27/KH-UBND (hội nghị điển hình tiên tiến)', en: 'Plan 27/KH-UBND (conference of advanced exemplars)' },
  templateBlank: { vi: 'Bảng trống (chỉ có các bộ phận)', en: 'Blank board (units only)' },
  create: { vi: 'Tạo', en: 'Create' },
  boardCreated: { vi: 'Đã tạo bảng “{title}”', en: 'Created board “{title}”' },
  administrator: { vi: 'Quản trị viên', en: 'Administrator' },
  roleViewer: { vi: 'Người xem', en: 'Viewer' },
  roleEditor: { vi: 'Cán bộ soạn thảo', en: 'Editor' },
  roleLeader: { vi: 'Lãnh đạo', en: 'Leader' },
  roleAdmin: { vi: 'Quản trị bảng', en: 'Board admin' },
  archivedBadge: { vi: 'Đã lưu trữ', en: 'Archived' },
  exportsTitle: { vi: 'Xuất dữ liệu', en: 'Exports' },
  exportsIntro: { vi: 'Tải về theo số liệu hiện tại của bảng.', en: 'Downloads with the board’s current figures.' },
  exportNominees: { vi: 'Danh sách đề nghị khen thưởng', en: 'Nominee list' },
  exportBudget: { vi: 'Dự toán kinh phí', en: 'Budget estimate' },
  exportBoardJson: { vi: 'Toàn bộ bảng (JSON, để lưu trữ hoặc nhập lại)', en: 'The whole board (JSON, to keep or import again)' },
  printable: { vi: 'Trang in', en: 'Printable page' },
  downloadFailed: { vi: 'Không tải được tệp: {reason}', en: 'Download failed: {reason}' },
  linksTitle: { vi: 'Liên kết chỉ xem', en: 'View-only links' },
  linksIntro: { vi: 'Gửi liên kết cho cơ quan cần theo dõi (ví dụ Phòng Nội vụ huyện). Người mở liên kết chỉ xem được, bảng tự cập nhật. Thu hồi sẽ ngắt ngay những người đang mở.', en: 'Send a link to an office that follows the plan (e.g. the district Home Affairs office). It can only view; the board updates live. Revoking cuts off everyone using it at once.' },
  linkLabel: { vi: 'Tên gợi nhớ', en: 'Label' },
  linkLabelHint: { vi: 'Ví dụ: Phòng Nội vụ', en: 'E.g. Home Affairs office' },
  linkExpiry: { vi: 'Hết hạn', en: 'Expires' },
  linkExpiryOptional: { vi: 'Ngày hết hạn (không bắt buộc)', en: 'Expiry date (optional)' },
  linkExpiryHint: { vi: 'dd/mm/yyyy; để trống nếu không giới hạn. Liên kết dùng được hết ngày này.', en: 'dd/mm/yyyy; leave empty for no limit. The link works until the end of that day.' },
  noExpiry: { vi: 'Không thời hạn', en: 'No expiry' },
  linkStatus: { vi: 'Trạng thái', en: 'Status' },
  linkActive: { vi: 'Đang dùng', en: 'Active' },
  linkExpired: { vi: 'Hết hạn', en: 'Expired' },
  linkRevoked: { vi: 'Đã thu hồi', en: 'Revoked' },
  createLink: { vi: 'Tạo liên kết', en: 'Create link' },
  linkCreated: { vi: 'Đã tạo liên kết “{label}”. Sao chép và gửi cho người nhận:', en: 'Created the link “{label}”. Copy it and send it:' },
  linkUrl: { vi: 'Địa chỉ liên kết “{label}”', en: 'Address of the link “{label}”' },
  copy: { vi: 'Sao chép', en: 'Copy' },
  copyLink: { vi: 'Sao chép liên kết “{label}”', en: 'Copy the link “{label}”' },
  copied: { vi: 'Đã sao chép', en: 'Copied' },
  copyFailed: { vi: 'Không sao chép được: hãy chọn và sao chép thủ công.', en: 'Could not copy: select and copy it by hand.' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  revokeLink: { vi: 'Thu hồi liên kết “{label}”', en: 'Revoke the link “{label}”' },
  revokeConfirmTitle: { vi: 'Thu hồi liên kết?', en: 'Revoke the link?' },
  revokeConfirm: { vi: 'Liên kết “{label}” sẽ không dùng được nữa và những người đang mở sẽ bị ngắt ngay. Không thể hoàn tác.', en: 'The link “{label}” will stop working and everyone using it is cut off at once. This cannot be undone.' },
  linkRevokedDone: { vi: 'Đã thu hồi liên kết “{label}”', en: 'Revoked the link “{label}”' },
  noLinks: { vi: 'Chưa có liên kết nào.', en: 'No links yet.' },
  invalidDate: { vi: '“{value}” không phải là ngày có thật (nhập ngày/tháng/năm, ví dụ 15/03/2025)', en: '“{value}” is not a real date (use day/month/year, e.g. 15/03/2025)' },
  membersTitle: { vi: 'Thành viên', en: 'Members' },
  membersReadOnly: { vi: 'Chỉ quản trị bảng mới thay đổi được thành viên.', en: 'Only board admins can change members.' },
  memberName: { vi: 'Họ tên', en: 'Name' },
  memberRole: { vi: 'Vai trò', en: 'Role' },
  roleOf: { vi: 'Vai trò của {name}', en: 'Role of {name}' },
  invited: { vi: 'Chưa nhận lời mời', en: 'Invitation pending' },
  inviteMember: { vi: 'Mời thành viên', en: 'Invite a member' },
  invite: { vi: 'Mời', en: 'Invite' },
  inviteLinkShown: { vi: 'Đã thêm {email}. Gửi liên kết mời này cho họ (dùng một lần, trong 7 ngày):', en: 'Added {email}. Send them this invitation link (single use, 7 days):' },
  memberAdded: { vi: 'Đã thêm {email} vào bảng.', en: 'Added {email} to the board.' },
  copyInvite: { vi: 'Sao chép liên kết mời {email}', en: 'Copy the invitation link for {email}' },
  inviteUrl: { vi: 'Liên kết mời {email}', en: 'Invitation link for {email}' },
  removeMember: { vi: 'Xóa {name} khỏi bảng', en: 'Remove {name} from the board' },
  remove: { vi: 'Xóa khỏi bảng', en: 'Remove' },
  removeConfirmTitle: { vi: 'Xóa thành viên?', en: 'Remove the member?' },
  removeConfirm: { vi: '{name} sẽ không mở được bảng này nữa; nếu đang mở sẽ bị ngắt ngay.', en: '{name} will no longer open this board and is cut off at once if it is open.' },
  memberRemoved: { vi: 'Đã xóa {name} khỏi bảng', en: 'Removed {name} from the board' },
  roleChanged: { vi: 'Đã đổi vai trò của {name} thành {role}', en: 'Changed the role of {name} to {role}' },
  actions: { vi: 'Thao tác', en: 'Actions' },
  reload: { vi: 'Tải lại', en: 'Reload' },
});

export type AccountKey = keyof typeof ACCOUNT_STRINGS;

/** Like t(), for the signed-in pages' own sentences. */
export function ta(key: AccountKey, vars?: Record<string, string | number>): string {
  let out: string = ACCOUNT_STRINGS[key][lang()];
  if (vars) for (const [k, v] of Object.entries(vars)) out = out.split(`{${k}}`).join(String(v));
  return out;
}

const ROLE_KEYS: Record<Role, AccountKey> = { viewer: 'roleViewer', editor: 'roleEditor', leader: 'roleLeader', admin: 'roleAdmin' };

export function roleLabel(role: Role): string {
  return ta(ROLE_KEYS[role]);
}
