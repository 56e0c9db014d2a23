/**
 * What the audit log records of one accepted update (the sync handler computes it from the
 * write guard's changes; functions/storage/audit-log.ts stores it). Pure: no storage here, so
 * the http Lambda, which only reads the log, does not load the board model with it.
 */
import type { AuditEntry } from './audit-entry';
import { CARD_NAME_FIELDS } from './schema';
import { cardActions, changedFactKeys, type BoardChanges } from './change-tracker';
import { factValueChanges } from './value-changes';

/**
 * The audit entries of one accepted update: one per card and kind of action, plus one for
 * board-level changes (facts, units, agenda). Changes of root types outside the board are not
 * audited.
 */
export function auditEntriesFrom(
  changes: BoardChanges,
  who: { boardId: string; actor: string; at: string; declaredName?: string },
): AuditEntry[] {
  const out: AuditEntry[] = [];
  const person = who.declaredName ? { declaredName: who.declaredName } : {};
  for (const change of changes.cards) {
    for (const { action, fields } of cardActions(change)) {
      // A card's entry removed for good (an admin's purge) is not the bin.
      const act = action === 'deleted' && change.entry === 'removed' ? 'purged' : action;
      // A purge keeps the card's name (its entry is gone); a move its column.
      const keep = (f: string) => (act === 'purged' ? CARD_NAME_FIELDS.includes(f) : act === 'moved' ? f === 'unit' : fields.includes(f));
      const values = (change.values ?? []).filter((v) => keep(v.field));
      out.push({
        boardId: who.boardId, cardId: change.cardId, actor: who.actor, at: who.at, action: act, fields,
        ...(values.length ? { changes: values } : {}),
        ...person,
      });
    }
  }
  const boardFields = [...changedFactKeys(changes).map((k) => `facts.${k}`), ...changes.other];
  const factValues = factValueChanges(changes.facts);
  if (boardFields.length > 0)
    out.push({
      boardId: who.boardId, cardId: '', actor: who.actor, at: who.at, action: 'updated', fields: boardFields,
      ...(factValues.length ? { changes: factValues } : {}),
      ...person,
    });
  return out;
}
