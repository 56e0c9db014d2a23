/**
 * Words a commune staff member sees: field names, choice labels and the sentences of
 * validation messages, in Vietnamese (first) and English.
 */

export type Lang = 'vi' | 'en';
export interface Bilingual {
  vi: string;
  en: string;
}

export const FIELD_LABELS: Record<string, Bilingual> = {
  id: { vi: 'Mã', en: 'ID' },
  kind: { vi: 'Loại thẻ', en: 'Card type' },
  unit: { vi: 'Cột (bộ phận phụ trách)', en: 'Column (responsible unit)' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  clause: { vi: 'Mục trong kế hoạch', en: 'Plan clause' },
  description: { vi: 'Nội dung', en: 'Description' },
  assignee: { vi: 'Người phụ trách', en: 'Assignee' },
  cooperating: { vi: 'Đơn vị phối hợp', en: 'Cooperating units' },
  due: { vi: 'Hạn hoàn thành', en: 'Due date' },
  dueOffsetDays: { vi: 'Số ngày so với ngày Hội nghị', en: 'Days from the conference date' },
  status: { vi: 'Trạng thái', en: 'Status' },
  checklist: { vi: 'Danh sách việc cần làm', en: 'Checklist' },
  text: { vi: 'Nội dung', en: 'Text' },
  done: { vi: 'Đã xong', en: 'Done' },
  name: { vi: 'Tên', en: 'Name' },
  nomineeKind: { vi: 'Đối tượng khen thưởng', en: 'Nominee type' },
  achievement: { vi: 'Thành tích', en: 'Achievement' },
  awardForm: { vi: 'Hình thức khen thưởng', en: 'Award form' },
  reviewStatus: { vi: 'Tình trạng xét duyệt', en: 'Review status' },
  decisionDate: { vi: 'Ngày quyết định khen thưởng', en: 'Award decision date' },
  dossier: { vi: 'Hồ sơ', en: 'Dossier checklist' },
  comments: { vi: 'Bình luận', en: 'Comments' },
  line: { vi: 'Khoản chi', en: 'Budget line' },
  quantity: { vi: 'Số lượng', en: 'Quantity' },
  unitPrice: { vi: 'Đơn giá', en: 'Unit price' },
  amount: { vi: 'Thành tiền', en: 'Amount' },
  fundingSource: { vi: 'Nguồn kinh phí', en: 'Funding source' },
  nameVi: { vi: 'Tên tiếng Việt', en: 'Vietnamese name' },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  actor: { vi: 'Người thực hiện', en: 'Person making the change' },
  now: { vi: 'Thời điểm thay đổi', en: 'Time of the change' },
  boardId: { vi: 'Mã bảng', en: 'Board ID' },
  planNumber: { vi: 'Số kế hoạch', en: 'Plan number' },
  planDate: { vi: 'Ngày ban hành kế hoạch', en: 'Plan date' },
  delegateCap: { vi: 'Số đại biểu tối đa', en: 'Delegate cap' },
  delegateCount: { vi: 'Số đại biểu đã mời', en: 'Delegates invited' },
  chairs: { vi: 'Số người chủ trì', en: 'Number of chairs' },
  session: { vi: 'Thời gian tổ chức', en: 'Session' },
  count: { vi: 'Số buổi', en: 'Number of sessions' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  year: { vi: 'Năm', en: 'Year' },
  conferenceDate: { vi: 'Ngày tổ chức Hội nghị', en: 'Conference date' },
  conferenceTime: { vi: 'Giờ khai mạc', en: 'Opening time' },
  conferencePlace: { vi: 'Địa điểm', en: 'Venue' },
  awardFundId: { vi: 'Nguồn chi tiền thưởng', en: 'Fund that pays the awards' },
  fundingText: { vi: 'Kinh phí', en: 'Funding' },
  funds: { vi: 'Nguồn kinh phí', en: 'Funds' },
  agenda: { vi: 'Chương trình Hội nghị', en: 'Agenda' },
  index: { vi: 'Vị trí', en: 'Position' },
};

export const CARD_KIND_LABELS: Record<string, Bilingual> = {
  task: { vi: 'Công việc', en: 'Task' },
  nominee: { vi: 'Đề nghị khen thưởng', en: 'Nominee' },
  budget: { vi: 'Khoản kinh phí', en: 'Budget item' },
};

export const TASK_STATUS_LABELS: Record<string, Bilingual> = {
  todo: { vi: 'Chưa thực hiện', en: 'To do' },
  'in-progress': { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
};

export const NOMINEE_KIND_LABELS: Record<string, Bilingual> = {
  collective: { vi: 'Tập thể', en: 'Collective' },
  household: { vi: 'Hộ gia đình', en: 'Household' },
  individual: { vi: 'Cá nhân', en: 'Individual' },
};

export const REVIEW_STATUS_LABELS: Record<string, Bilingual> = {
  proposed: { vi: 'Đã đề xuất', en: 'Proposed' },
  'council-reviewed': { vi: 'Hội đồng TĐ-KT đã xét', en: 'Reviewed by the council' },
  approved: { vi: 'Chủ tịch UBND đã duyệt', en: 'Approved by the chairman' },
  awarded: { vi: 'Đã khen thưởng', en: 'Awarded' },
};

export const BUDGET_STATUS_LABELS: Record<string, Bilingual> = {
  planned: { vi: 'Dự kiến', en: 'Planned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  spent: { vi: 'Đã chi', en: 'Spent' },
};

/** Labels for the choices of a field, when the field is a choice. */
export const VALUE_LABELS: Record<string, Record<string, Bilingual>> = {
  kind: CARD_KIND_LABELS,
  status: { ...TASK_STATUS_LABELS, ...BUDGET_STATUS_LABELS },
  nomineeKind: NOMINEE_KIND_LABELS,
  reviewStatus: REVIEW_STATUS_LABELS,
};

export function fieldLabel(field: string): Bilingual {
  return FIELD_LABELS[field] ?? { vi: field, en: field };
}

export function valueLabel(field: string, value: string): Bilingual {
  return VALUE_LABELS[field]?.[value] ?? { vi: value, en: value };
}
