/**
 * One entry of a board's audit log: who changed what, when, old → new. The sync handler writes
 * it (functions/storage/audit-log.ts), the HTTP API serves it with the person named
 * (functions/http/routes/audit.ts), and the web app's history and activity pages read it
 * (web/src/history/). One shape for all three.
 */

export interface AuditEntry {
  boardId: string;
  /** The card; '' for a change of the board itself (facts, units, agenda). */
  cardId: string;
  /** Who: the token subject (user id or link label). */
  actor: string;
  /** When the update was accepted (ISO instant). */
  at: string;
  action: 'created' | 'updated' | 'moved' | 'deleted' | 'restored' | 'purged';
  /** The card's fields written (e.g. title, reviewStatus, checklist); for the board: facts.<key>, units, agenda. */
  fields: string[];
  /** Old → new value of each field the change wrote (a card's fields, or the board's facts.<key>; shortened, see core's value-changes.ts). */
  changes?: AuditValueChange[];
  /**
   * The name the person typed in the presence dialog, carried by the connection record: what a
   * shared link's holder says about themselves. Shown as self-declared, never trusted further.
   */
  declaredName?: string;
}

export interface AuditValueChange {
  field: string;
  old: unknown;
  new: unknown;
  /**
   * Set for a list of items (a checklist, a dossier, the comments): `old` and `new` hold only the
   * items this change added, removed or altered, as they were and as they are (an added item is
   * in `new` only, a removed one in `old` only). Entries written before it hold whole lists.
   */
  itemsChanged?: true;
}

export type AuditAction = AuditEntry['action'];

/** Who made an entry, as the API names them: an account, or a link with the name its holder typed (self-declared). */
export type AuditPerson =
  | { kind: 'account'; userId: string; name: string }
  | { kind: 'link'; linkId: string; label: string; declaredName: string | null }
  | { kind: 'other'; name: string; declaredName: string | null };
