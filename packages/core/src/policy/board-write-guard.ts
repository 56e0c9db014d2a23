/**
 * The write policy, enforced on a board doc: applies a client's update, reads every entry it
 * touched back through the typed checks, and undoes what the author's role may not write or
 * what is not a valid board value — by writing, in a second server-authored transaction, the
 * entry's last stored value (or removing an entry that did not exist). The client's structs are
 * kept, so its clock sequence stays whole ("undo, never drop"); the caller stores and fans out
 * the client's update and the compensation together.
 *
 * What it keeps besides the doc: a plain copy of every card, unit, fact and meta value as it
 * stands (entry-snapshot.ts), refreshed for the entries each transaction touches. So the
 * "before" of a decision never depends on deleted (possibly garbage-collected) Yjs content,
 * and a check costs O(what the update touched), not O(board).
 *
 * Pure: no I/O. The caller owns the doc and feeds it updates.
 */
import * as Y from 'yjs';
import { boardMaps, boardVersion, type BoardMaps } from '../board/doc';
import { BoardChangeTracker, guardedCardState, NO_CARD, type BoardChanges, type GuardedCardState } from '../board/change-tracker';
import { copyEntry, copyEntryAfter, plainValue, restoreEntry, restoreValue, type EntryCopy } from '../board/entry-snapshot';
import {
  agendaItemProblems, cardKindOf, cardProblems, NESTED_CARD_KEYS, factProblems, metaProblems, unitProblems,
  type EntryProblem,
} from '../board/entry-checks';
import { cardValueChanges } from '../board/value-changes';
import { REFUSALS, type Refusal } from './refusals';
import { commentWriteIssue, isGuardedStatusChange, mayApprove, mayWriteArea, PURGE_WRITER } from './write-rules';
import { COMMENTS_KEY } from '../board/comments';
import { fundLinesOf, fundRemovalIssues } from '../board/fund-usage';
import { isPlainObject } from '../board/validate';
import type { BoardFacts } from '../board/schema';
import { atLeast, type Role } from './roles';

/** The origin of the server's compensating transactions. */
export const COMPENSATION_ORIGIN = 'binhan:compensation';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;
type MapArea = 'meta' | 'facts' | 'units' | 'cards';

export interface GuardOutcome {
  /** What the update changed that stands (for the audit). */
  changes: BoardChanges;
  /** What was undone, and why (empty when the whole update stands). */
  refusals: Refusal[];
  /** The server-authored update that undoes it; null when nothing was undone. */
  compensation: Uint8Array | null;
}

/** A client's update applied to the doc, not judged yet. */
export interface AppliedUpdate {
  readonly changes: BoardChanges;
  readonly touched: Touched;
  /** The board had no content before it (an initialisation). */
  readonly wasEmpty: boolean;
  /** The copies of the touched entries from before the update. */
  readonly before: Before;
  /** Each client's clock before the update. */
  readonly clocksBefore: Map<number, number>;
}

interface Touched {
  cards: Set<string>;
  units: Set<string>;
  facts: Set<string>;
  meta: Set<string>;
  agenda: boolean;
  /** Items the transaction inserted into the agenda (only they need a check). */
  agendaItems: Y.Item[];
  /** Types holding content where none may be: unknown roots, list items in maps, keys in lists. */
  strays: Map<AnyType, 'list' | 'map' | 'all'>;
  /** Every type the transaction wrote a key of or deleted from (Transaction.changed). */
  changedTypes: Set<unknown>;
}

interface Before {
  cards: Map<string, EntryCopy | null>;
  units: Map<string, EntryCopy | null>;
  facts: Map<string, unknown>;
  meta: Map<string, unknown>;
}

function emptyTouched(): Touched {
  return { cards: new Set(), units: new Set(), facts: new Set(), meta: new Set(), agenda: false, agendaItems: [], strays: new Map(), changedTypes: new Set() };
}

export class BoardWriteGuard {
  readonly doc: Y.Doc;
  /** Describes each transaction in board terms (the audit reads it). */
  readonly tracker: BoardChangeTracker;
  private readonly maps: BoardMaps;
  private readonly cards = new Map<string, EntryCopy>();
  private readonly units = new Map<string, EntryCopy>();
  private readonly facts = new Map<string, unknown>();
  private readonly meta = new Map<string, unknown>();
  private readonly rootNames = new Map<AnyType, string>();

  /**
   * The funds a new funds list drops while budget lines (live or in the trash) still name them:
   * the lines would show a bare id. O(cards), and only when the funds change.
   */
  private removedFundsInUse(was: unknown, now: unknown): EntryProblem[] {
    if (!Array.isArray(was) || !Array.isArray(now)) return [];
    const kept = new Set(now.map((f) => (isPlainObject(f) ? f['id'] : undefined)).filter((id): id is string => typeof id === 'string'));
    const before = was.filter((f): f is BoardFacts['funds'][number] =>
      isPlainObject(f) && typeof f['id'] === 'string' && typeof f['nameVi'] === 'string' && typeof f['nameEn'] === 'string');
    if (before.every((f) => kept.has(f.id))) return [];
    return fundRemovalIssues(fundLinesOf(this.maps.cards as Y.Map<unknown>), before, kept).map((i) => ({ path: 'facts.funds', vi: i.vi, en: i.en }));
  }

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.tracker = new BoardChangeTracker(doc);
    this.maps = boardMaps(doc);
    this.maps.cards.forEach((m, id) => this.cards.set(id, copyEntry(m, NESTED_CARD_KEYS)));
    this.maps.units.forEach((m, id) => this.units.set(id, copyEntry(m, new Set())));
    this.maps.facts.forEach((v, k) => this.facts.set(k, plainValue(v)));
    this.maps.meta.forEach((v, k) => this.meta.set(k, plainValue(v)));
  }

  /** Applies an update taken as it is (the board's own stored state): no judgement. */
  applyTrusted(update: Uint8Array, origin?: unknown): BoardChanges {
    const { changes, touched } = this.applyRaw(update, origin);
    this.recopy(touched);
    return changes;
  }

  /** Applies a client's update; `judge` decides on it. */
  applyClient(update: Uint8Array, origin?: unknown): AppliedUpdate {
    const wasEmpty = boardVersion(this.doc) === null;
    const { changes, touched, before, clocksBefore } = this.applyRaw(update, origin);
    return { changes, touched, wasEmpty, before, clocksBefore };
  }

  /** Applies and judges a client's update in one step. */
  check(update: Uint8Array, role: Role, origin?: unknown, actor: string | null = null): GuardOutcome {
    return this.judge(this.applyClient(update, origin), role, actor);
  }

  /**
   * Decides on an applied update for `role`: every touched entry the role may not write, or
   * that is not a valid board value, is put back in one server-authored transaction.
   * `actor` is the connection's identity (user id, or `link:<id>`): comments are written by
   * their author only; without an actor no comment write stands.
   */
  judge(applied: AppliedUpdate, role: Role, actor: string | null = null): GuardOutcome {
    const { touched, before, wasEmpty } = applied;
    const refusals: Refusal[] = [];
    const undo: Array<(tr: Y.Transaction) => void> = [];
    const init = wasEmpty; // an empty board may be filled by any writer
    /** The copies judgeCard read the touched cards through (kept when nothing is undone). */
    const judged = new Map<string, EntryCopy>();

    for (const cardId of touched.cards) {
      const was = before.cards.get(cardId) ?? null;
      const value = this.maps.cards.get(cardId);
      const refusal = this.judgeCard(role, actor, cardId, was, value, judged, touched.changedTypes);
      if (refusal) {
        refusals.push(refusal);
        undo.push(() => restoreEntry(this.maps.cards as Y.Map<unknown>, cardId, was));
      }
    }
    for (const unitId of touched.units) {
      const was = before.units.get(unitId) ?? null;
      const value = this.maps.units.get(unitId);
      let refusal: Refusal | null = null;
      if (!init && !mayWriteArea(role, 'units')) refusal = REFUSALS.writeUnits(unitId);
      else if (value !== undefined) {
        const problems = unitProblems(unitId, copyEntry(value, new Set()));
        if (problems.length) refusal = REFUSALS.invalidValue(`units.${unitId}`, problems);
      }
      if (refusal) {
        refusals.push(refusal);
        undo.push(() => restoreEntry(this.maps.units as Y.Map<unknown>, unitId, was));
      }
    }
    // Facts and meta: plain values under a root map, one rule for the area, one check per key.
    const plainAreas = [
      { area: 'facts' as const, keys: touched.facts, was: before.facts, map: this.maps.facts, denied: REFUSALS.writeFacts,
        problems: (key: string, v: unknown) => {
          const found = factProblems(key, v);
          return found.length > 0 || key !== 'funds' ? found : this.removedFundsInUse(before.facts.get('funds'), v);
        } },
      { area: 'meta' as const, keys: touched.meta, was: before.meta, map: this.maps.meta, denied: REFUSALS.writeMeta,
        problems: (key: string, v: unknown) => metaProblems(key, v, before.meta.get('boardId')) },
    ];
    for (const { area, keys, was, map, denied, problems } of plainAreas) {
      for (const key of keys) {
        let refusal: Refusal | null = null;
        if (!init && !mayWriteArea(role, area)) refusal = denied(key);
        else {
          const found = problems(key, plainValue(map.get(key)));
          if (found.length) refusal = REFUSALS.invalidValue(`${area}.${key}`, found);
        }
        if (refusal) {
          refusals.push(refusal);
          undo.push(() => restoreValue(map, key, was.get(key)));
        }
      }
    }
    if (touched.agendaItems.length > 0) {
      // Only what this update inserted: O(update), not O(agenda). An item may hold several
      // values (and Yjs may have merged it with the client's earlier item): each bad value is
      // split out and deleted alone.
      const bad: Y.ID[] = [];
      const problems: EntryProblem[] = [];
      for (const item of touched.agendaItems) {
        if (item.deleted) continue;
        const values = item.content instanceof Y.ContentAny ? (item.content.getContent() as unknown[]) : [plainValue(item.content.getContent()[0])];
        values.forEach((v, i) => {
          const clock = item.id.clock + i;
          const before = applied.clocksBefore.get(item.id.client) ?? 0;
          if (clock < before) return; // stored earlier, not this update's
          const found = item.content instanceof Y.ContentAny ? agendaItemProblems(clock, plainValue(v)) : [{ path: 'agenda', vi: 'Mục chương trình phải là {id, text}', en: 'An agenda item must be {id, text}' }];
          if (found.length) {
            bad.push(Y.createID(item.id.client, clock));
            problems.push(...found);
          }
        });
      }
      if (bad.length) {
        refusals.push(REFUSALS.invalidValue('agenda', problems));
        undo.push((tr) => {
          for (const id of bad) {
            const item = Y.getItemCleanStart(tr, id);
            if (item.length > 1) Y.getItemCleanStart(tr, Y.createID(id.client, id.clock + 1));
            if (!item.deleted) item.delete(tr);
          }
        });
      }
    }
    if (touched.strays.size > 0) {
      const problems: EntryProblem[] = [];
      for (const [type, what] of touched.strays) {
        const name = this.rootName(type);
        problems.push({
          path: name,
          vi: `Nội dung lạ ngoài bảng (${name})`,
          en: `Content outside the board's layout (${name})`,
        });
        undo.push((tr) => sweep(type, what, tr));
      }
      refusals.push(REFUSALS.invalidValue(problems[0]!.path, problems));
    }

    let compensation: Uint8Array | null = null;
    if (undo.length > 0) {
      const parts: Uint8Array[] = [];
      const capture = (u: Uint8Array) => parts.push(u);
      this.doc.on('update', capture);
      let tr: Y.Transaction | null = null;
      try {
        this.doc.transact((t) => {
          tr = t;
          for (const step of undo) step(t);
        }, COMPENSATION_ORIGIN);
      } finally {
        this.doc.off('update', capture);
      }
      if (tr) this.tracker.describe(tr);
      compensation = parts.length === 0 ? null : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
    }
    // Nothing undone: the doc is as the cards were judged, so their copies are the new ones.
    this.recopy(touched, undo.length === 0 ? judged : undefined);
    const standing = withoutRefused(applied.changes, refusals);
    for (const change of standing.cards) change.values = cardValueChanges(before.cards.get(change.cardId) ?? null, this.cards.get(change.cardId) ?? null);
    return { changes: standing, refusals, compensation };
  }

  /** The tracked guarded state of a card. */
  cardState(cardId: string): GuardedCardState {
    return this.tracker.cardState(cardId);
  }

  /** Decides on one touched card; the copy it reads the card through goes into `copies`. */
  private judgeCard(role: Role, actor: string | null, cardId: string, was: EntryCopy | null, value: unknown, copies: Map<string, EntryCopy>, changed: ReadonlySet<unknown>): Refusal | null {
    if (value === undefined) {
      if (was === null) return null;
      // Removing a card for good: admins; anyone may clear away a card that was damaged.
      if (atLeast(role, PURGE_WRITER) || cardProblems(cardId, was).length > 0) return null;
      return REFUSALS.purgeCard(cardId);
    }
    // `was` is the card's copy from before this update's transaction; when it is still the
    // guard's copy (no other transaction copied the card since), what this one did not change
    // is taken from it.
    const now = was !== null && this.cards.get(cardId) === was ? copyEntryAfter(value, NESTED_CARD_KEYS, was, changed) : copyEntry(value, NESTED_CARD_KEYS);
    copies.set(cardId, now);
    const problems = cardProblems(cardId, now);
    if (problems.length) return REFUSALS.invalidValue(`cards.${cardId}`, problems);
    if (!mayApprove(role) && isGuardedStatusChange(guardedOf(was), guardedOf(now))) return REFUSALS.approveNominee(cardId);
    const wasComments = was?.kind === 'map' ? was.nested.get(COMMENTS_KEY)?.values : undefined;
    const notYours = commentWriteIssue(wasComments, now.kind === 'map' ? now.nested.get(COMMENTS_KEY)?.values : undefined, actor);
    if (notYours !== null) return REFUSALS.commentAuthor(cardId, notYours);
    return null;
  }

  private rootName(type: AnyType): string {
    if (this.rootNames.size !== this.doc.share.size) {
      this.rootNames.clear();
      this.doc.share.forEach((t, name) => this.rootNames.set(t as AnyType, name));
    }
    let node: AnyType = type;
    while (node._item !== null && node._item.parent instanceof Y.AbstractType) node = node._item.parent as AnyType;
    return this.rootNames.get(node) ?? '?';
  }

  private applyRaw(update: Uint8Array, origin: unknown): { changes: BoardChanges; touched: Touched; before: Before; clocksBefore: Map<number, number> } {
    let transaction: Y.Transaction | null = null;
    let before: Before | null = null;
    let touched: Touched | null = null;
    this.doc.transact((tr) => {
      transaction = tr;
      Y.applyUpdate(this.doc, update, origin);
    }, origin);
    const tr = transaction as Y.Transaction | null;
    if (!tr) throw new Error('applyUpdate ran no transaction');
    touched = this.touchedBy(tr);
    before = this.copiesOf(touched);
    const changes = this.tracker.describe(tr);
    return { changes, touched, before, clocksBefore: tr.beforeState };
  }

  /** Which entries a finished transaction wrote, from Transaction.changed. */
  private touchedBy(tr: Y.Transaction): Touched {
    const t = emptyTouched();
    // Items inserted into the agenda, from the store: the structs between each client's clock
    // before and after the transaction.
    tr.afterState.forEach((after, client) => {
      const before = tr.beforeState.get(client) ?? 0;
      if (after <= before) return;
      const structs = this.doc.store.clients.get(client);
      if (!structs) return;
      for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i]!.id.clock < after; i++) {
        const s = structs[i]!;
        if (s instanceof Y.Item && (s.parent as unknown) === this.maps.agenda && s.parentSub === null) t.agendaItems.push(s);
      }
    });
    const roots = new Map<AnyType, MapArea | 'agenda'>([
      [this.maps.meta, 'meta'], [this.maps.facts, 'facts'], [this.maps.units, 'units'], [this.maps.cards, 'cards'], [this.maps.agenda, 'agenda'],
    ] as Array<[AnyType, MapArea | 'agenda']>);
    tr.changed.forEach((subs, changedType) => {
      const type = changedType as AnyType;
      t.changedTypes.add(type);
      // Content of the wrong shape in this very type: list items in a map, keys in an array.
      if (type instanceof Y.Map && subs.has(null)) t.strays.set(type, 'list');
      if (type instanceof Y.Array && [...subs].some((s) => s !== null)) t.strays.set(type, 'map');
      // Walk up to the root, noting the key right under it.
      let node: AnyType = type;
      let topKey: string | null = null;
      while (node._item !== null) {
        const parent = node._item.parent;
        if (!(parent instanceof Y.AbstractType)) return;
        topKey = node._item.parentSub;
        node = parent as AnyType;
      }
      const area = roots.get(node);
      if (area === undefined) {
        t.strays.set(node, 'all');
        return;
      }
      if (area === 'agenda') {
        t.agenda = true;
        return;
      }
      const keys = node === type ? [...subs].filter((s): s is string => s !== null) : topKey !== null ? [topKey] : [];
      for (const k of keys) t[area].add(k);
    });
    return t;
  }

  /** The copies (from before the transaction) of the entries it touched. */
  private copiesOf(t: Touched): Before {
    const pick = <V>(from: Map<string, V>, keys: Set<string>) => new Map([...keys].map((k) => [k, from.get(k) ?? null] as [string, V | null]));
    return {
      cards: pick(this.cards, t.cards),
      units: pick(this.units, t.units),
      facts: new Map([...t.facts].map((k) => [k, this.facts.get(k)])),
      meta: new Map([...t.meta].map((k) => [k, this.meta.get(k)])),
    };
  }

  /** Copies the touched entries as the doc now holds them (`fresh`: card copies taken since the doc last changed). */
  private recopy(t: Touched, fresh?: ReadonlyMap<string, EntryCopy>): void {
    for (const id of t.cards) {
      const v = this.maps.cards.get(id);
      if (v === undefined) this.cards.delete(id);
      else this.cards.set(id, fresh?.get(id) ?? copyEntry(v, NESTED_CARD_KEYS));
    }
    for (const id of t.units) {
      const v = this.maps.units.get(id);
      if (v === undefined) this.units.delete(id);
      else this.units.set(id, copyEntry(v, new Set()));
    }
    for (const k of t.facts) {
      const v = this.maps.facts.get(k);
      if (v === undefined) this.facts.delete(k);
      else this.facts.set(k, plainValue(v));
    }
    for (const k of t.meta) {
      const v = this.maps.meta.get(k);
      if (v === undefined) this.meta.delete(k);
      else this.meta.set(k, plainValue(v));
    }
  }
}

/** The guarded state of a card copy, read from typed values only. */
function guardedOf(copy: EntryCopy | null): GuardedCardState {
  if (copy === null) return NO_CARD;
  if (copy.kind !== 'map') return { exists: true, kind: null, reviewStatus: null, deleted: false };
  const kind = cardKindOf(copy);
  const status = copy.values.get('reviewStatus');
  return {
    exists: true,
    kind,
    reviewStatus: kind === 'nominee' && typeof status === 'string' ? status : null,
    deleted: Boolean(copy.values.get('deletedAt')),
  };
}

/** Deletes stray content of a type: its list items, its keys, or both. */
function sweep(type: AnyType, what: 'list' | 'map' | 'all', tr: Y.Transaction): void {
  if (what !== 'map') {
    for (let item = type._start; item !== null; item = item.right) if (!item.deleted) item.delete(tr);
  }
  if (what !== 'list') {
    type._map.forEach((item) => {
      if (!item.deleted) item.delete(tr);
    });
  }
}

/** The changes without the entries that were undone. */
function withoutRefused(changes: BoardChanges, refusals: Refusal[]): BoardChanges {
  const undone = new Set(refusals.map((r) => r.entry).filter((e): e is string => e !== undefined));
  return {
    cards: changes.cards.filter((c) => !undone.has(`cards.${c.cardId}`)),
    facts: changes.facts.filter((f) => !undone.has(`facts.${f.key}`)),
    other: changes.other,
  };
}

export { guardedCardState };
