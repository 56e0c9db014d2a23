/** Text helpers for Vietnamese: comparison without diacritics, slugs. */

/** "Văn hoá – Xã hội" → "van hoa xa hoi": lower case, no diacritics, dashes and punctuation as spaces. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Văn hóa - Xã hội" → "van-hoa-xa-hoi". */
export function slugify(text: string): string {
  return foldVietnamese(text).replace(/ /g, '-').slice(0, 60).replace(/-+$/, '');
}

/** Collapse runs of white space and trim. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
