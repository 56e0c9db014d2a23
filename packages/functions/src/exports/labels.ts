/**
 * Words printed in the exports, in Vietnamese and English. Choice labels come from core where
 * core has the wording a printed list needs; the review statuses are the board's own (core's
 * REVIEW_STATUS_LABELS), so a list filtered by status names it as the board does.
 */
import {
  AWARD_FORM_LABELS, BUDGET_STATUS_LABELS, NOMINEE_KIND_LABELS, REVIEW_STATUS_LABELS,
  type AwardFormId, type Bilingual, type BoardSnapshot, type BudgetStatus, type NomineeKind, type ReviewStatus,
} from '@binhan/core';

export type ExportLang = 'vi' | 'en';

export function pick(b: Bilingual, lang: ExportLang): string {
  return lang === 'en' ? b.en : b.vi;
}

/**
 * The commune the documents are issued by. The board has no fact for it yet (plan 27 is
 * Bình An's), so it is a constant here until core gains one.
 */
export const COMMUNE = {
  nameVi: 'Bình An',
  nameEn: 'Binh An',
} as const;

export const NOMINEE_KIND: Record<NomineeKind, Bilingual> = {
  collective: NOMINEE_KIND_LABELS['collective']!,
  household: NOMINEE_KIND_LABELS['household']!,
  individual: NOMINEE_KIND_LABELS['individual']!,
};

export const REVIEW_STATUS: Record<ReviewStatus, Bilingual> = {
  proposed: REVIEW_STATUS_LABELS['proposed']!,
  'council-reviewed': REVIEW_STATUS_LABELS['council-reviewed']!,
  approved: REVIEW_STATUS_LABELS['approved']!,
  awarded: REVIEW_STATUS_LABELS['awarded']!,
};

export const BUDGET_STATUS: Record<BudgetStatus, Bilingual> = {
  planned: BUDGET_STATUS_LABELS['planned']!,
  approved: BUDGET_STATUS_LABELS['approved']!,
  spent: BUDGET_STATUS_LABELS['spent']!,
};

export function nomineeKindLabel(kind: NomineeKind, lang: ExportLang): string {
  const l = NOMINEE_KIND[kind];
  return l ? pick(l, lang) : String(kind);
}

export function reviewStatusLabel(status: ReviewStatus, lang: ExportLang): string {
  const l = REVIEW_STATUS[status];
  return l ? pick(l, lang) : String(status);
}

export function awardFormLabel(form: AwardFormId | null, lang: ExportLang): string {
  if (!form) return '';
  const l = AWARD_FORM_LABELS[form];
  return l ? pick(l, lang) : String(form);
}

export function budgetStatusLabel(status: BudgetStatus, lang: ExportLang): string {
  const l = BUDGET_STATUS[status];
  return l ? pick(l, lang) : String(status);
}

/** The column (responsible unit) a card sits in, by name. */
export function unitName(board: BoardSnapshot, unitId: string, lang: ExportLang): string {
  const u = board.units.find((x) => x.id === unitId);
  if (!u) return unitId;
  return lang === 'en' ? u.nameEn || u.nameVi : u.nameVi;
}

/** A funding source (a fund id of the board's facts) by name. */
export function fundName(board: BoardSnapshot, fundId: string, lang: ExportLang): string {
  const f = board.facts.funds.find((x) => x.id === fundId);
  if (!f) return fundId;
  return lang === 'en' ? f.nameEn || f.nameVi : f.nameVi;
}

export const TEXT = {
  nomineeTitle: { vi: 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', en: 'LIST OF NOMINEES PROPOSED FOR COMMENDATION' },
  budgetTitle: { vi: 'DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ', en: 'COST ESTIMATE FOR THE CONFERENCE' },
  nomineeSheet: { vi: 'Danh sách khen thưởng', en: 'Nominees' },
  budgetSheet: { vi: 'Dự toán kinh phí', en: 'Cost estimate' },
  committeeUpper: { vi: 'ỦY BAN NHÂN DÂN', en: "PEOPLE'S COMMITTEE" },
  communeUpper: { vi: `XÃ ${COMMUNE.nameVi.toUpperCase()}`, en: `OF ${COMMUNE.nameEn.toUpperCase()} COMMUNE` },
  republic: { vi: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', en: 'SOCIALIST REPUBLIC OF VIETNAM' },
  motto: { vi: 'Độc lập – Tự do – Hạnh phúc', en: 'Independence – Freedom – Happiness' },
  preparer: { vi: 'NGƯỜI LẬP BIỂU', en: 'PREPARED BY' },
  onBehalf: { vi: 'TM. ỦY BAN NHÂN DÂN', en: "ON BEHALF OF THE PEOPLE'S COMMITTEE" },
  chairman: { vi: 'CHỦ TỊCH', en: 'CHAIRMAN' },
  signHint: { vi: '(Ký, ghi rõ họ tên)', en: '(Signature and full name)' },
  signSealHint: { vi: '(Ký tên, đóng dấu)', en: '(Signature and seal)' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  noRows: { vi: 'Chưa có mục nào.', en: 'Nothing listed yet.' },
  unpriced: { vi: 'Chưa tính được tiền thưởng', en: 'Cash award not computed' },
  statusFilter: { vi: 'Tình trạng', en: 'Status' },
  conference: {
    vi: 'Hội nghị tuyên dương điển hình tiên tiến',
    en: 'Conference honouring advanced exemplars',
  },
} as const satisfies Record<string, Bilingual>;

/** "UBND xã Bình An – Kế hoạch số 27/KH-UBND" (the line under a title). */
export function issuerLine(board: BoardSnapshot, lang: ExportLang): string {
  const plan = board.facts.planNumber;
  if (lang === 'en') {
    const who = `People's Committee of ${COMMUNE.nameEn} commune`;
    return plan ? `${who} – Plan No. ${plan}` : who;
  }
  const who = `UBND xã ${COMMUNE.nameVi}`;
  return plan ? `${who} – Kế hoạch số ${plan}` : who;
}

/** "Bình An, ngày 20/02/2025" / "Binh An, 20/02/2025". */
export function placeAndDate(dateDdMmYyyy: string, lang: ExportLang): string {
  return lang === 'en' ? `${COMMUNE.nameEn}, ${dateDdMmYyyy}` : `${COMMUNE.nameVi}, ngày ${dateDdMmYyyy}`;
}

/** The awards line of the cost estimate. */
export function awardLineLabel(count: number, lang: ExportLang): string {
  return lang === 'en'
    ? `Cash awards accompanying the commendations (${count} recipient${count === 1 ? '' : 's'})`
    : `Tiền thưởng kèm theo hình thức khen thưởng (${count} đối tượng)`;
}
