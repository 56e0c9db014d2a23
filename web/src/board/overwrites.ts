/**
 * Two people saving the same text field: the later save wins (one value per field, as Yjs
 * keeps it), and the person who saved second is shown what they replaced, with a way to take
 * it back (ARCHITECTURE.md, "Simultaneous edits of one field"). Pure helpers of the card form.
 */

/** Lists whose items merge one by one: two saves of them never overwrite each other. */
export const MERGED_ITEM_FIELDS: ReadonlySet<string> = new Set(['checklist', 'dossier']);

/** Two field values alike (absent and null are the same). */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields `patch` writes whose stored value changed since the form opened (`opened`) to
 * something else than what the patch writes (`now`): those were someone else's edits.
 */
export function overwrittenFields(opened: Record<string, unknown>, now: Record<string, unknown>, patch: Record<string, unknown>): Array<{ key: string; other: unknown }> {
  const out: Array<{ key: string; other: unknown }> = [];
  for (const [key, mine] of Object.entries(patch)) {
    if (MERGED_ITEM_FIELDS.has(key)) continue;
    const other = now[key];
    if (!sameValue(other, opened[key]) && !sameValue(other, mine)) out.push({ key, other });
  }
  return out;
}

/** A value as shown in "the other version was …" (long texts cut). */
export function otherVersionText(v: unknown): string {
  const s = v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
