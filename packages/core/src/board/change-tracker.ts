/**
 * What one Yjs transaction changed on a board, in board terms: which cards were created,
 * updated, moved, deleted or restored (and which of their fields), which facts were written
 * (with their values before and after), and which other parts were touched.
 *
 * The server uses it to check a client's update against the roles (a nominee's review status
 * and the facts' funds are guarded) and to write the audit log, from one diff per update.
 *
 * Why a tracker and not a before/after snapshot: reading the whole board twice per update costs
 * O(board). The tracker keeps, for every card, only the values a rule needs (kind, review
 * status, in the bin or not) and, for the facts, their current values; after a transaction it
 * reads again only the cards and facts the transaction touched (Transaction.changed). So the
 * "before" never depends on deleted (and possibly garbage-collected) Yjs content.
 *
 * Pure: no I/O. The caller owns the doc and feeds it updates.
 */
import * as Y from 'yjs';
import { boardMaps, type BoardMaps } from './doc';

/** The guarded state of one card entry (or its absence). */
export interface GuardedCardState {
  exists: boolean;
  kind: string | null;
  /** The review status of a nominee; null for other kinds and for no card. */
  reviewStatus: string | null;
  /** In the bin (deletedAt set). */
  deleted: boolean;
}

export const NO_CARD: GuardedCardState = Object.freeze({ exists: false, kind: null, reviewStatus: null, deleted: false });

export interface CardChange {
  cardId: string;
  /** The card's entry in the cards map itself was added, replaced by another map, or removed. */
  entry: 'added' | 'replaced' | 'removed' | null;
  /** Stored keys of the card that were written or deleted (a nested checklist by its field). */
  keys: string[];
  before: GuardedCardState;
  after: GuardedCardState;
  /**
   * Old → new values of the fields written (board/value-changes.ts). Filled by the write guard
   * for the changes that stand (the tracker alone does not keep values).
   */
  values?: Array<{ field: string; old: unknown; new: unknown }>;
}

export interface FactChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface BoardChanges {
  cards: CardChange[];
  facts: FactChange[];
  /** Other board parts touched: 'meta', 'units', 'agenda' (root types outside the board are not listed). */
  other: Array<'meta' | 'units' | 'agenda'>;
}

export type CardAction = 'created' | 'updated' | 'moved' | 'deleted' | 'restored';

/** Keys every write sets on a card: not "fields" a person changed. */
const BOOKKEEPING = new Set(['id', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'deletedAt', 'deletedBy', 'pos']);

/** What a person did to a card in one change: one entry per kind of action, with the fields. */
export function cardActions(change: CardChange): Array<{ action: CardAction; fields: string[] }> {
  const content = change.keys.filter((k) => !BOOKKEEPING.has(k)).sort();
  if (change.entry === 'removed') return [{ action: 'deleted', fields: [] }];
  if (change.entry === 'added' || (change.entry === 'replaced' && !change.before.exists)) return [{ action: 'created', fields: content }];
  const out: Array<{ action: CardAction; fields: string[] }> = [];
  if (change.entry === 'replaced') out.push({ action: 'updated', fields: content });
  if (!change.before.deleted && change.after.deleted) out.push({ action: 'deleted', fields: [] });
  if (change.before.deleted && !change.after.deleted) out.push({ action: 'restored', fields: [] });
  if (change.entry === null && change.keys.includes('pos')) out.push({ action: 'moved', fields: ['pos'] });
  if (change.entry === null && content.length > 0) out.push({ action: 'updated', fields: content });
  return out;
}

/** The facts keys written, without the bookkeeping ones (updatedAt, updatedBy). */
export function changedFactKeys(changes: BoardChanges): string[] {
  return changes.facts.map((f) => f.key).filter((k) => k !== 'updatedAt' && k !== 'updatedBy').sort();
}

export function guardedCardState(value: unknown): GuardedCardState {
  if (value === undefined) return NO_CARD;
  if (!(value instanceof Y.Map)) return { exists: true, kind: null, reviewStatus: null, deleted: false };
  const kind = value.get('kind');
  const status = value.get('reviewStatus');
  return {
    exists: true,
    kind: typeof kind === 'string' ? kind : null,
    reviewStatus: kind === 'nominee' && typeof status === 'string' ? status : null,
    deleted: Boolean(value.get('deletedAt')),
  };
}

/**
 * Keeps a board doc and the guarded values of its cards and facts, and reports what each
 * applied update changed. Build it on a doc before or after loading the board's state.
 */
export class BoardChangeTracker {
  readonly doc: Y.Doc;
  private readonly maps: BoardMaps;
  private readonly cardIndex = new Map<string, { map: unknown; state: GuardedCardState }>();
  private readonly factValues = new Map<string, unknown>();

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    // Instantiate the root types first, so that items land in typed parents.
    this.maps = boardMaps(doc);
    this.maps.cards.forEach((m, id) => this.cardIndex.set(id, { map: m, state: guardedCardState(m) }));
    this.maps.facts.forEach((v, k) => this.factValues.set(k, v));
  }

  /** Applies `update` in one transaction and says what it changed. */
  applyUpdate(update: Uint8Array, origin?: unknown): BoardChanges {
    let transaction: Y.Transaction | null = null;
    this.doc.transact((tr) => {
      transaction = tr;
      Y.applyUpdate(this.doc, update, origin);
    }, origin);
    return this.describe(transaction!);
  }

  /** The changes of a finished transaction on this doc; updates the tracked values. */
  describe(tr: Y.Transaction): BoardChanges {
    const { cards, facts } = this.maps;
    const touched = new Map<string, { entry: boolean; keys: Set<string> }>();
    const touch = (id: string) => {
      let t = touched.get(id);
      if (!t) touched.set(id, (t = { entry: false, keys: new Set() }));
      return t;
    };
    const factKeys = new Set<string>();
    const other = new Set<'meta' | 'units' | 'agenda'>();
    tr.changed.forEach((subs, type) => {
      if ((type as unknown) === cards) {
        for (const k of subs) if (k !== null) touch(k).entry = true;
        return;
      }
      // Walk up to the card (or root type) holding the changed type.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let node: Y.AbstractType<any> = type;
      let under: string | null = null;
      while (node._item !== null) {
        const item = node._item;
        const parent = item.parent;
        if ((parent as unknown) === cards) {
          const t = touch(item.parentSub ?? '');
          if (under !== null) t.keys.add(under);
          else for (const k of subs) if (k !== null) t.keys.add(k);
          return;
        }
        if (!(parent instanceof Y.AbstractType)) return;
        under = item.parentSub;
        node = parent;
      }
      if ((node as unknown) === facts) {
        if (under !== null) factKeys.add(under);
        else for (const k of subs) if (k !== null) factKeys.add(k);
      } else if ((node as unknown) === this.maps.meta) other.add('meta');
      else if ((node as unknown) === this.maps.units) other.add('units');
      else if ((node as unknown) === this.maps.agenda) other.add('agenda');
    });

    const cardChanges: CardChange[] = [];
    for (const [cardId, t] of touched) {
      const prev = this.cardIndex.get(cardId);
      const current = cards.get(cardId);
      const before = prev?.state ?? NO_CARD;
      const after = guardedCardState(current);
      let entry: CardChange['entry'] = null;
      if (t.entry) {
        if (!before.exists && after.exists) entry = 'added';
        else if (before.exists && !after.exists) entry = 'removed';
        else if (before.exists && after.exists && prev?.map !== current) entry = 'replaced';
      }
      let keys = [...t.keys];
      if ((entry === 'added' || entry === 'replaced') && current instanceof Y.Map) keys = [...current.keys()];
      if (current === undefined) this.cardIndex.delete(cardId);
      else this.cardIndex.set(cardId, { map: current, state: after });
      if (entry === null && keys.length === 0) continue; // a concurrent write that lost: nothing visible changed
      cardChanges.push({ cardId, entry, keys: keys.sort(), before, after });
    }
    const factChanges: FactChange[] = [];
    for (const key of [...factKeys].sort()) {
      const before = this.factValues.get(key);
      const after = facts.get(key);
      if (after === undefined) this.factValues.delete(key);
      else this.factValues.set(key, after);
      factChanges.push({ key, before: before ?? null, after: after ?? null });
    }
    return { cards: cardChanges.sort((a, b) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0)), facts: factChanges, other: [...other].sort() };
  }

  /** The tracked guarded state of a card (for tests and diagnostics). */
  cardState(cardId: string): GuardedCardState {
    return this.cardIndex.get(cardId)?.state ?? NO_CARD;
  }
}
