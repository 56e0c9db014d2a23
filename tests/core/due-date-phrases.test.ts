/** Due dates in the phrasings real plans use, each read to the last day allowed. */
import { describe, expect, it } from 'vitest';
import { findDueDate, readDueCell } from '../../packages/core/src/plan/due-date-phrases';

describe('findDueDate (in a sentence)', () => {
  it.each([
    ['trình Chủ tịch UBND xã phê duyệt trước ngày 10/4/2025', '2025-04-10'],
    ['Trước 25/8/2025', '2025-08-25'],
    ['Tổng hợp hồ sơ, chậm nhất ngày 15/3/2025 gửi về Văn phòng', '2025-03-15'],
    ['chậm nhất là ngày 05-03-2025', '2025-03-05'],
    ['hoàn thành trước ngày 10 tháng 4 năm 2025', '2025-04-10'],
    ['Hoàn thành trong tháng 3/2025', '2025-03-31'],
    ['tổ chức trong tháng 2 năm 2024', '2024-02-29'],
    ['Tổ chức Hội nghị trong quý I năm 2025', '2025-03-31'],
    ['hoàn thành trong quý 3/2025', '2025-09-30'],
    ['báo cáo kết quả quý IV năm 2025', '2025-12-31'],
  ])('%s → %s', (text, due) => {
    expect(findDueDate(text)).toBe(due);
  });

  it('takes the plan\'s year for a date without one, and no year when none is known', () => {
    expect(findDueDate('gửi danh sách trước ngày 30/4', { year: 2025 })).toBe('2025-04-30');
    expect(findDueDate('gửi danh sách trước ngày 30/4')).toBeNull();
  });

  it('reads nothing from text that sets no deadline', () => {
    expect(findDueDate('Hoàn thành xuất sắc nhiệm vụ 5 năm (2020 - 2025)')).toBeNull();
    expect(findDueDate('Kế hoạch số 27/KH-UBND ngày 20/02/2025 của UBND xã')).toBeNull();
    expect(findDueDate('trước ngày 31/2/2025')).toBeNull(); // not a day
  });
});

describe('readDueCell (a "Thời gian hoàn thành" cell)', () => {
  it.each([
    ['10/4/2025', '2025-04-10'],
    ['Trước 25/8/2025', '2025-08-25'],
    ['Từ 01/4 đến 10/4/2025', '2025-04-10'],
    ['Tháng 3/2025', '2025-03-31'],
    ['3/2025', '2025-03-31'],
    ['Quý I/2025', '2025-03-31'],
    ['Quý II năm 2025', '2025-06-30'],
    ['Năm 2025', '2025-12-31'],
    ['Thường xuyên', null],
    ['', null],
  ])('%s → %s', (cell, due) => {
    expect(readDueCell(cell)).toBe(due);
  });
});
