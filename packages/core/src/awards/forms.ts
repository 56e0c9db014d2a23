/**
 * The award forms the board knows by id. Which of them a commune chairman may award, to whom,
 * and with what cash, is dated data in ./rules.ts; this file only names them.
 */
import type { Bilingual } from '../i18n/messages';

export const AWARD_FORM_IDS = ['giay-khen', 'lao-dong-tien-tien', 'gia-dinh-van-hoa'] as const;
export type AwardFormId = (typeof AWARD_FORM_IDS)[number];

export const AWARD_FORM_LABELS: Record<AwardFormId, Bilingual> = {
  'giay-khen': { vi: 'Giấy khen của Chủ tịch UBND xã', en: 'Certificate of merit of the commune chairman' },
  'lao-dong-tien-tien': { vi: 'Danh hiệu "Lao động tiên tiến"', en: 'Title "Advanced Worker"' },
  'gia-dinh-van-hoa': { vi: 'Danh hiệu "Gia đình văn hóa"', en: 'Title "Cultured Family"' },
};
