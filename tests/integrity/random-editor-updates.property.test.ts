/**
 * Property: whatever an editor's client sends — random writes of every Yjs representation to
 * cards, their keys, facts, meta, columns, the agenda and roots of its own, mixed with ordinary
 * edits — the board the server holds always reads without error and without damage, no guarded
 * value ever changes (an approved nominee's status, the facts, the meta, the columns, the
 * existence of a card), and the editor's doc, once it has the server's compensation, equals the
 * server's. Runs on the write guard itself (the same code the handler runs), bounded in runs.
 */
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCard, BoardWriteGuard, readBoard, updateCard, type NomineeCard } from '@binhan/core';
import { buildBoard } from '../helpers/rights-board';
import { ctx, LIVE } from '../helpers/write-context';
import { yView } from '../helpers/board-views';

type Rep = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'null' } | { t: 'json'; v: Record<string, unknown> } | { t: 'text'; v: string } | { t: 'array'; v: string } | { t: 'map'; v: string };

const rep: fc.Arbitrary<Rep> = fc.oneof(
  fc.constantFrom('approved', 'awarded', 'proposed', 'council-reviewed', 'task', 'nominee', 'done', '', 'Tiêu đề mới').map((v) => ({ t: 'str', v }) as Rep),
  fc.integer({ min: -5, max: 1_000_000_000 }).map((v) => ({ t: 'num', v }) as Rep),
  fc.constant({ t: 'null' } as Rep),
  fc.constantFrom({ unit: 'council', order: 'V' }, { status: 'approved' }, { text: 'x', done: true, order: 1 }).map((v) => ({ t: 'json', v }) as Rep),
  fc.constantFrom('approved', 'awarded').map((v) => ({ t: 'text', v }) as Rep),
  fc.constantFrom('approved', 'x').map((v) => ({ t: 'array', v }) as Rep),
  fc.constantFrom('approved', 'x').map((v) => ({ t: 'map', v }) as Rep),
);

function materialise(r: Rep): unknown {
  switch (r.t) {
    case 'str':
    case 'num':
      return r.v;
    case 'null':
      return null;
    case 'json':
      return r.v;
    case 'text':
      return new Y.Text(r.v);
    case 'array': {
      const a = new Y.Array<unknown>();
      a.push([r.v]);
      return a;
    }
    case 'map': {
      const m = new Y.Map<unknown>();
      m.set('value', r.v);
      return m;
    }
  }
}

const CARD_IDS = ['t1', 'n1', 'n2', 'n-approved', 'new-1'];
const CARD_KEYS = ['reviewStatus', 'kind', 'title', 'name', 'status', 'pos', 'dossier', 'checklist', 'id', 'deletedAt', 'cash'];

type Op =
  | { op: 'card-key'; id: string; key: string; value: Rep }
  | { op: 'card-key-delete'; id: string; key: string }
  | { op: 'card-entry'; id: string; value: Rep }
  | { op: 'card-entry-delete'; id: string }
  | { op: 'fact'; key: string; value: Rep }
  | { op: 'meta'; key: string; value: Rep }
  | { op: 'unit'; key: string; value: Rep }
  | { op: 'agenda'; value: Rep }
  | { op: 'root'; name: string; value: Rep }
  | { op: 'legit'; title: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('card-key' as const), id: fc.constantFrom(...CARD_IDS), key: fc.constantFrom(...CARD_KEYS), value: rep }),
  fc.record({ op: fc.constant('card-key-delete' as const), id: fc.constantFrom(...CARD_IDS), key: fc.constantFrom(...CARD_KEYS) }),
  fc.record({ op: fc.constant('card-entry' as const), id: fc.constantFrom(...CARD_IDS), value: rep }),
  fc.record({ op: fc.constant('card-entry-delete' as const), id: fc.constantFrom(...CARD_IDS) }),
  fc.record({ op: fc.constant('fact' as const), key: fc.constantFrom('funds', 'awardFundId', 'delegateCap', 'bonus'), value: rep }),
  fc.record({ op: fc.constant('meta' as const), key: fc.constantFrom('version', 'title', 'boardId', 'x'), value: rep }),
  fc.record({ op: fc.constant('unit' as const), key: fc.constantFrom('council', 'office', 'new-unit'), value: rep }),
  fc.record({ op: fc.constant('agenda' as const), value: rep }),
  fc.record({ op: fc.constant('root' as const), name: fc.constantFrom('evil', 'notes'), value: rep }),
  fc.record({ op: fc.constant('legit' as const), title: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '') }),
);

function perform(doc: Y.Doc, o: Op): void {
  const cards = doc.getMap<unknown>('cards');
  switch (o.op) {
    case 'card-key': {
      const c = cards.get(o.id);
      if (c instanceof Y.Map) c.set(o.key, materialise(o.value));
      return;
    }
    case 'card-key-delete': {
      const c = cards.get(o.id);
      if (c instanceof Y.Map) c.delete(o.key);
      return;
    }
    case 'card-entry':
      cards.set(o.id, materialise(o.value));
      return;
    case 'card-entry-delete':
      cards.delete(o.id);
      return;
    case 'fact':
      doc.getMap('facts').set(o.key, materialise(o.value));
      return;
    case 'meta':
      doc.getMap('meta').set(o.key, materialise(o.value));
      return;
    case 'unit':
      doc.getMap('units').set(o.key, materialise(o.value));
      return;
    case 'agenda':
      doc.getArray('agenda').push([materialise(o.value)]);
      return;
    case 'root':
      if (o.name === 'notes') doc.getText('notes').insert(0, String(o.value.t));
      else doc.getMap(o.name).set('k', materialise(o.value));
      return;
    case 'legit':
      try {
        updateCard(doc, 't1', { title: o.title }, ctx('lan', LIVE));
      } catch {
        /* the editor's own copy may be damaged by its earlier writes until the server answers */
      }
  }
}

/** What an editor may never change. */
function guarded(doc: Y.Doc): string {
  const board = readBoard(doc);
  const approved = board.cards.concat(board.deletedCards).filter((c) => c.kind === 'nominee' && ['approved', 'awarded'].includes((c as NomineeCard).reviewStatus));
  const view = yView(doc) as Record<string, unknown>;
  return JSON.stringify({
    approved: approved.map((c) => [c.id, (c as NomineeCard).reviewStatus]),
    facts: view['facts'],
    meta: view['meta'],
    units: view['units'],
    cardIds: [...doc.getMap('cards').keys()].filter((id) => id !== 'new-1').sort(),
  });
}

describe('random editor updates (property)', () => {
  it('keep the board readable, the guarded values unchanged, and the editor in step with the server', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (steps) => {
        const origin = new Y.Doc();
        buildBoard(origin, 'prop');
        addCard(origin, { kind: 'nominee', id: 'n-approved', unit: 'council', name: 'Bà Lan', nomineeKind: 'individual', reviewStatus: 'approved' }, ctx('chu-tich', LIVE));
        const server = new BoardWriteGuard(new Y.Doc());
        server.applyTrusted(Y.encodeStateAsUpdate(origin));
        const editor = new Y.Doc();
        Y.applyUpdate(editor, Y.encodeStateAsUpdate(origin));
        const before = guarded(server.doc);
        for (const ops of steps) {
          const parts: Uint8Array[] = [];
          const capture = (u: Uint8Array, o: unknown) => {
            if (o !== 'server') parts.push(u);
          };
          editor.on('update', capture);
          editor.transact(() => ops.forEach((o) => perform(editor, o)));
          editor.off('update', capture);
          if (parts.length === 0) continue;
          const outcome = server.check(Y.mergeUpdates(parts), 'editor');
          if (outcome.compensation) Y.applyUpdate(editor, outcome.compensation, 'server');
          // The board reads, undamaged, and nothing guarded moved.
          const board = readBoard(server.doc);
          expect(board.problems).toEqual([]);
          expect(guarded(server.doc)).toBe(before);
          // The editor, with the compensation, holds exactly the server's board.
          expect(JSON.stringify(yView(editor))).toBe(JSON.stringify(yView(server.doc)));
        }
      }),
      { numRuns: 150, seed: 27 },
    );
  });
});
