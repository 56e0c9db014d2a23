/** The rule alone (pure), the board diff it reads, and the cache's handling of out-of-order and refused updates. */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCard, BoardChangeTracker, BoardWriteGuard, cardActions, deleteCard, isGuardedStatusChange, mayChooseReviewStatus, moveCard, NO_CARD,
  readBoard, restoreCard, setChecklistItemDone, setFacts, touchesGuardedState, updateCard, type NomineeCard,
} from '@binhan/core';
import { BoardWriteChecker } from '@binhan/functions';
import { wholeBoardSource } from '../helpers/board-source';
import { buildBoard, captureUpdate, FUND } from '../helpers/rights-board';
import { ctx, LIVE } from '../helpers/write-context';

const nominee = (reviewStatus: string, extra: Partial<{ kind: string; exists: boolean; deleted: boolean }> = {}) => ({
  exists: true, kind: 'nominee', reviewStatus, deleted: false, ...extra,
});

describe('write policy (pure)', () => {
  it('guards moving a review status into or out of approved/awarded', () => {
    expect(isGuardedStatusChange(nominee('proposed'), nominee('council-reviewed'))).toBe(false);
    expect(isGuardedStatusChange(nominee('council-reviewed'), nominee('approved'))).toBe(true);
    expect(isGuardedStatusChange(nominee('approved'), nominee('awarded'))).toBe(true);
    expect(isGuardedStatusChange(nominee('approved'), nominee('proposed'))).toBe(true);
    expect(isGuardedStatusChange(NO_CARD, nominee('approved'))).toBe(true); // created approved
    expect(isGuardedStatusChange(nominee('approved'), NO_CARD)).toBe(true); // entry removed
    expect(isGuardedStatusChange(nominee('approved'), { ...nominee('approved'), kind: 'task', reviewStatus: null })).toBe(true);
    expect(isGuardedStatusChange(nominee('approved'), nominee('approved', { deleted: true }))).toBe(false); // the bin is not a status
    expect(isGuardedStatusChange(NO_CARD, nominee('proposed'))).toBe(false);
  });

  it('offers an editor only the statuses it may choose; leaders and admins any', () => {
    expect(mayChooseReviewStatus('editor', 'proposed', 'council-reviewed')).toBe(true);
    expect(mayChooseReviewStatus('editor', 'council-reviewed', 'approved')).toBe(false);
    expect(mayChooseReviewStatus('editor', 'approved', 'proposed')).toBe(false);
    expect(mayChooseReviewStatus('editor', 'approved', 'approved')).toBe(true); // unchanged
    expect(mayChooseReviewStatus('leader', 'proposed', 'awarded')).toBe(true);
    expect(mayChooseReviewStatus('admin', 'awarded', 'proposed')).toBe(true);
  });

  it('lets leaders and admins change guarded values, not editors (decided on the board doc)', () => {
    const author = new Y.Doc();
    buildBoard(author, 'rule');
    for (const role of ['leader', 'admin', 'editor'] as const) {
      const guard = new BoardWriteGuard(new Y.Doc());
      guard.applyTrusted(Y.encodeStateAsUpdate(author));
      const editor = new Y.Doc();
      Y.applyUpdate(editor, Y.encodeStateAsUpdate(author));
      const out = guard.check(captureUpdate(editor, () => updateCard(editor, 'n1', { reviewStatus: 'approved' }, ctx(role, LIVE))), role);
      const status = (readBoard(guard.doc).cards.find((c) => c.id === 'n1') as NomineeCard).reviewStatus;
      if (role === 'editor') {
        expect(out.refusals).toMatchObject([{ code: 'approve-nominee', cardId: 'n1' }]);
        expect(out.refusals[0]!.reason).toMatch(/^Chỉ lãnh đạo mới được duyệt khen thưởng.* \/ Only leaders may approve nominees/);
        expect(status).toBe('proposed');
        expect(out.compensation).not.toBeNull();
      } else {
        expect(out.refusals).toEqual([]);
        expect(status).toBe('approved');
        expect(out.compensation).toBeNull();
      }
    }
    const fund = { cards: [], facts: [{ key: 'funds', before: [FUND], after: [] }], other: [] };
    expect(touchesGuardedState(fund)).toBe(true);
    expect(touchesGuardedState({ cards: [{ cardId: 't1', entry: null, keys: ['title'], before: NO_CARD, after: NO_CARD }], facts: [], other: [] })).toBe(false);
  });
});

describe('board diff (BoardChangeTracker)', () => {
  function setup() {
    const author = new Y.Doc();
    buildBoard(author, 'diff');
    const tracker = new BoardChangeTracker(new Y.Doc());
    tracker.applyUpdate(Y.encodeStateAsUpdate(author));
    const step = (edit: () => void) => tracker.applyUpdate(captureUpdate(author, edit));
    return { author, tracker, step };
  }

  it('names the cards and fields each core operation touches, with guarded before/after', () => {
    const { author, step } = setup();
    const c = ctx('lan', LIVE);
    let d = step(() => updateCard(author, 't1', { title: 'Mới', status: 'done' }, c));
    expect(d.cards.map(cardActions)).toEqual([[{ action: 'updated', fields: ['status', 'title'] }]]);
    d = step(() => moveCard(author, 't1', { unit: 'council' }, c));
    expect(d.cards.map(cardActions)).toEqual([[{ action: 'moved', fields: ['pos'] }]]);
    d = step(() => deleteCard(author, 't1', c));
    expect(d.cards.map(cardActions)).toEqual([[{ action: 'deleted', fields: [] }]]);
    d = step(() => restoreCard(author, 't1', c));
    expect(d.cards.map(cardActions)).toEqual([[{ action: 'restored', fields: [] }]]);
    d = step(() => addCard(author, { kind: 'task', id: 't2', unit: 'office', title: 'Việc mới', checklist: [{ id: 'a', text: 'x' }] }, c));
    expect(d.cards[0]).toMatchObject({ cardId: 't2', entry: 'added' });
    expect(cardActions(d.cards[0]!)[0]).toMatchObject({ action: 'created' });
    expect(cardActions(d.cards[0]!)[0]!.fields).toEqual(expect.arrayContaining(['title', 'checklist', 'kind']));
    d = step(() => setChecklistItemDone(author, 't2', 'a', true, c));
    expect(d.cards.map(cardActions)).toEqual([[{ action: 'updated', fields: ['checklist'] }]]);
    d = step(() => updateCard(author, 'n1', { reviewStatus: 'approved' }, c));
    expect(d.cards[0]).toMatchObject({ before: { reviewStatus: 'proposed' }, after: { reviewStatus: 'approved' } });
    d = step(() => setFacts(author, { funds: [{ ...FUND, amount: 1 }] }, c));
    expect(d.facts.find((f) => f.key === 'funds')).toMatchObject({ before: [FUND], after: [{ ...FUND, amount: 1 }] });
  });

  it('sees a whole card entry replaced or removed (not possible through core, possible for a forged client)', () => {
    const { author, step } = setup();
    const cards = author.getMap<Y.Map<unknown>>('cards');
    let d = step(() => cards.delete('n2'));
    expect(d.cards[0]).toMatchObject({ cardId: 'n2', entry: 'removed', after: NO_CARD });
    d = step(() => {
      const m = new Y.Map<unknown>();
      cards.set('n3', m);
      m.set('kind', 'nominee');
      m.set('reviewStatus', 'awarded');
    });
    expect(d.cards[0]).toMatchObject({ cardId: 'n3', entry: 'replaced', before: { reviewStatus: 'proposed' }, after: { reviewStatus: 'awarded' } });
  });
});

describe('board doc cache', () => {
  function board() {
    const author = new Y.Doc();
    buildBoard(author, 'cache');
    return author;
  }

  it('checks one client\'s updates arriving out of order (they wait for each other), and keeps the cache clean', async () => {
    const author = board();
    const stored = Y.encodeStateAsUpdate(author);
    const cache = new BoardWriteChecker(wholeBoardSource(async () => stored));
    const editor = new Y.Doc();
    Y.applyUpdate(editor, stored);
    const updates = [1, 2, 3, 4, 5].map((i) => captureUpdate(editor, () => updateCard(editor, 't1', { title: `Bản ${i}` }, ctx('lan', LIVE))));
    const results = await Promise.all([...updates].reverse().map((u) => cache.checkWrite('cache', u, 'editor')));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(cache.stats.outOfStep).toBe(0);
  });

  it('keeps a refused update and undoes it, so the same client\'s next update is in step and stands', async () => {
    const author = board();
    const stored = Y.encodeStateAsUpdate(author);
    const cache = new BoardWriteChecker(wholeBoardSource(async () => stored), { dependencyWaitMs: 200 });
    const editor = new Y.Doc();
    Y.applyUpdate(editor, stored);
    const refused = captureUpdate(editor, () => updateCard(editor, 'n1', { reviewStatus: 'approved' }, ctx('lan', LIVE)));
    const next = captureUpdate(editor, () => updateCard(editor, 'n1', { achievement: 'x' }, ctx('lan', LIVE)));
    const first = await cache.checkWrite('cache', refused, 'editor');
    expect(first).toMatchObject({ ok: true, refusals: [{ code: 'approve-nominee', cardId: 'n1' }] });
    expect(cache.has('cache')).toBe(true); // the doc holds the update and its compensation, both to be stored
    const second = await cache.checkWrite('cache', next, 'editor');
    expect(second).toMatchObject({ ok: true, refusals: [], compensation: null });
    expect(cache.stats.outOfStep).toBe(0);
  });

  it('refuses an update whose dependencies never arrive (out of step), whatever the role, after reloading storage', async () => {
    const author = board();
    const stored = Y.encodeStateAsUpdate(author);
    let loads = 0;
    const cache = new BoardWriteChecker(wholeBoardSource(async () => (loads++, stored)), { dependencyWaitMs: 200 });
    for (const role of ['editor', 'leader', 'admin'] as const) {
      const client = new Y.Doc();
      Y.applyUpdate(client, stored);
      captureUpdate(client, () => updateCard(client, 't1', { title: 'never sent' }, ctx(role, LIVE))); // lost on the way
      const next = captureUpdate(client, () => updateCard(client, 't1', { status: 'done' }, ctx(role, LIVE)));
      expect(await cache.checkWrite('cache', next, role)).toMatchObject({ ok: false, refusal: { code: 'out-of-step' } });
    }
    expect(loads).toBeGreaterThan(2); // it looked in storage again before giving up
  });

  it('keeps at most maxBoards boards, least recently used out first', async () => {
    const stored = Y.encodeStateAsUpdate(board());
    const cache = new BoardWriteChecker(wholeBoardSource(async () => stored), { maxBoards: 2 });
    const editor = new Y.Doc();
    Y.applyUpdate(editor, stored);
    const u = captureUpdate(editor, () => updateCard(editor, 't1', { title: 'x' }, ctx('lan', LIVE)));
    for (const b of ['a', 'b', 'a', 'c']) await cache.checkWrite(b, u, 'editor');
    expect(['a', 'b', 'c'].filter((b) => cache.has(b))).toEqual(['a', 'c']);
  });
});
