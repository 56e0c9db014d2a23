/**
 * Amounts in Vietnamese words against cases written out by hand (as an accountant writes
 * "Bằng chữ" under a total), and document dates in the form of Nghị định 30/2020/NĐ-CP.
 */
import { describe, expect, it } from 'vitest';
import { documentDate, numberInWords, placeAndDocumentDate, vndInWords } from '../../packages/core/src/index';

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [55, 'Năm mươi lăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [104, 'Một trăm linh bốn đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [1_000, 'Một nghìn đồng'],
    [2_005, 'Hai nghìn không trăm linh năm đồng'],
    [10_000, 'Mười nghìn đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [240_000, 'Hai trăm bốn mươi nghìn đồng'],
    [360_000, 'Ba trăm sáu mươi nghìn đồng'],
    [710_000, 'Bảy trăm mười nghìn đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_050_000, 'Một triệu không trăm năm mươi nghìn đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1_000_250, 'Một triệu hai trăm năm mươi đồng'],
    [2_290_000, 'Hai triệu hai trăm chín mươi nghìn đồng'],
    [18_240_000, 'Mười tám triệu hai trăm bốn mươi nghìn đồng'],
    [20_000_000, 'Hai mươi triệu đồng'],
    [31_415_000, 'Ba mươi mốt triệu bốn trăm mười lăm nghìn đồng'],
    [105_000_000, 'Một trăm linh năm triệu đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_200_300_004, 'Một tỷ hai trăm triệu ba trăm nghìn không trăm linh bốn đồng'],
    [5_000_000_000_000, 'Năm nghìn tỷ đồng'],
  ])('%d → %s', (n, words) => {
    expect(vndInWords(n)).toBe(words);
  });

  it('gives the plain lower-case words for use inside a sentence', () => {
    expect(numberInWords(1_250_000)).toBe('một triệu hai trăm năm mươi nghìn');
  });

  it('refuses what cannot be written in words, saying what to do', () => {
    expect(() => vndInWords(-5)).toThrow(/negative/);
    expect(() => vndInWords(1.5)).toThrow(/round the amount/);
    expect(() => vndInWords(Number.NaN)).toThrow(/whole numbers/);
    expect(() => vndInWords(2 ** 60)).toThrow(/too large/);
  });
});

describe('documentDate (Nghị định 30/2020/NĐ-CP)', () => {
  it.each([
    ['2025-03-05', 'ngày 05 tháng 3 năm 2025'],
    ['2025-02-01', 'ngày 01 tháng 02 năm 2025'],
    ['2025-01-20', 'ngày 20 tháng 01 năm 2025'],
    ['2025-12-31', 'ngày 31 tháng 12 năm 2025'],
    ['2025-10-09', 'ngày 09 tháng 10 năm 2025'],
  ])('%s → %s', (iso, text) => {
    expect(documentDate(iso)).toBe(text);
  });

  it('puts the place in front', () => {
    expect(placeAndDocumentDate('Bình An', '2025-03-05')).toBe('Bình An, ngày 05 tháng 3 năm 2025');
  });

  it('refuses a date that does not exist', () => {
    expect(() => documentDate('2025-02-30')).toThrow(/yyyy-mm-dd/);
  });
});
