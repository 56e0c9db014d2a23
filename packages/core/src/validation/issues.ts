/**
 * Refusals. Every refused write throws a BoardValidationError whose issues each carry a
 * stable code (for programs) and a Vietnamese and an English sentence (for people).
 */
import { fieldLabel, valueLabel, type Bilingual } from '../i18n/messages';

export type IssueCode =
  | 'required'
  | 'wrong-type'
  | 'not-integer'
  | 'negative'
  | 'too-long'
  | 'too-large'
  | 'unknown-value'
  | 'unknown-kind'
  | 'unknown-unit'
  | 'unknown-field'
  | 'unknown-fund'
  | 'fund-in-use'
  | 'unknown-award-form'
  | 'award-not-allowed'
  | 'no-award-rules'
  | 'invalid-date'
  | 'invalid-time'
  | 'invalid-id'
  | 'duplicate-id'
  | 'not-found'
  | 'unit-not-empty'
  | 'too-many'
  | 'not-author'
  | 'amount-mismatch'
  | 'not-a-board'
  | 'needs-migration'
  | 'newer-version'
  | 'invalid';

export interface Issue extends Bilingual {
  /** Dotted path of the field, e.g. "title", "checklist.2.text"; "" for the whole input. */
  path: string;
  code: IssueCode;
}

export class BoardValidationError extends Error {
  readonly issues: Issue[];
  /** The same message in Vietnamese. */
  readonly messageVi: string;
  constructor(issues: Issue[]) {
    super(issues.map((i) => i.en).join('; '));
    this.name = 'BoardValidationError';
    this.issues = issues;
    this.messageVi = issues.map((i) => i.vi).join('; ');
  }
}

/** The label of the last named segment of a path ("checklist.2.text" → "text"). */
export function labelOfPath(path: string): Bilingual {
  const parts = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
  const last = parts[parts.length - 1] ?? '';
  return fieldLabel(last);
}

export function issue(path: string, code: IssueCode, vi: string, en: string): Issue {
  return { path, code, vi, en };
}

/** Builders for the common sentences, so wording stays the same everywhere. */
export const say = {
  required(path: string): Issue {
    const l = labelOfPath(path);
    return issue(path, 'required', `${l.vi} không được để trống`, `${l.en} must not be empty`);
  },
  wrongType(path: string, expected: string): Issue {
    const l = labelOfPath(path);
    const what: Record<string, Bilingual> = {
      number: { vi: 'một số', en: 'a number' },
      int: { vi: 'một số nguyên', en: 'a whole number' },
      string: { vi: 'chữ (văn bản)', en: 'text' },
      boolean: { vi: 'có hoặc không', en: 'yes or no' },
      array: { vi: 'một danh sách', en: 'a list' },
      object: { vi: 'một mục có các trường', en: 'a record with fields' },
    };
    const w = what[expected] ?? { vi: expected, en: expected };
    return issue(path, 'wrong-type', `${l.vi} phải là ${w.vi}`, `${l.en} must be ${w.en}`);
  },
  notInteger(path: string): Issue {
    const l = labelOfPath(path);
    return issue(path, 'not-integer', `${l.vi} phải là số nguyên (không có phần lẻ)`,
      `${l.en} must be a whole number`);
  },
  negative(path: string): Issue {
    const l = labelOfPath(path);
    return issue(path, 'negative', `${l.vi} không được âm`, `${l.en} must not be negative`);
  },
  tooLong(path: string, max: number): Issue {
    const l = labelOfPath(path);
    return issue(path, 'too-long', `${l.vi} quá dài (tối đa ${max} ký tự)`,
      `${l.en} is too long (at most ${max} characters)`);
  },
  tooLarge(path: string, max: number): Issue {
    const l = labelOfPath(path);
    return issue(path, 'too-large', `${l.vi} quá lớn (tối đa ${max})`, `${l.en} is too large (at most ${max})`);
  },
  unknownValue(path: string, value: unknown, allowed: readonly string[]): Issue {
    const l = labelOfPath(path);
    const field = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
    const vi = allowed.map((a) => `"${valueLabel(field, a).vi}"`).join(', ');
    const en = allowed.map((a) => `"${valueLabel(field, a).en}"`).join(', ');
    return issue(path, 'unknown-value', `${l.vi} "${String(value)}" không hợp lệ; chọn một trong: ${vi}`,
      `${l.en} "${String(value)}" is not valid; choose one of: ${en}`);
  },
  unknownKind(value: unknown): Issue {
    return issue('kind', 'unknown-kind',
      `Loại thẻ "${String(value)}" không hợp lệ; chọn: công việc, đề nghị khen thưởng hoặc khoản kinh phí`,
      `Card type "${String(value)}" is not valid; choose: task, nominee or budget item`);
  },
  unknownUnit(unitId: unknown, path = 'unit'): Issue {
    return issue(path, 'unknown-unit', `Không có cột (bộ phận) "${String(unitId)}" trên bảng`,
      `There is no column (unit) "${String(unitId)}" on the board`);
  },
  unknownField(path: string, key: string): Issue {
    return issue(path ? `${path}.${key}` : key, 'unknown-field', `Trường "${key}" không thuộc loại thẻ này`,
      `Field "${key}" does not belong to this kind of card`);
  },
  invalidDate(path: string, value: unknown): Issue {
    const l = labelOfPath(path);
    return issue(path, 'invalid-date',
      `${l.vi} "${String(value)}" không phải là ngày có thật (nhập theo dạng năm-tháng-ngày, ví dụ 2025-03-15)`,
      `${l.en} "${String(value)}" is not a real date (use year-month-day, e.g. 2025-03-15)`);
  },
  invalidTime(path: string, value: unknown): Issue {
    const l = labelOfPath(path);
    return issue(path, 'invalid-time', `${l.vi} "${String(value)}" không phải là thời điểm hợp lệ`,
      `${l.en} "${String(value)}" is not a valid time`);
  },
  invalidId(path: string, value: unknown): Issue {
    const l = labelOfPath(path);
    return issue(path, 'invalid-id',
      `${l.vi} "${String(value)}" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang`,
      `${l.en} "${String(value)}" may only hold lower-case letters, digits and hyphens`);
  },
  cardNotFound(cardId: string): Issue {
    return issue('id', 'not-found', `Không tìm thấy thẻ "${cardId}" trên bảng`, `Card "${cardId}" was not found on the board`);
  },
};
