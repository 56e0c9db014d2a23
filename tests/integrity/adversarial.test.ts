/**
 * The attacker's suite: for every guarded or typed part of the board, every Yjs representation
 * of a value (string, number, Y.Text, Y.Array, Y.Map, nested JSON, missing, garbage entries,
 * content outside the layout; each item of a checklist: blank, too long, a number, a string for
 * a tick, an unknown key, a bad id, a Y.Text or Y.Map for the item, one item too many), written by
 * each role with a stock y-websocket client over real
 * sockets through the local gateway — alone, and mixed into one update with a legitimate edit.
 *
 * Each write is allowed exactly when the role may write that part AND the typed value is valid;
 * otherwise the server keeps the client's structs and undoes the value (the entry is back to
 * what it was, for every client and in storage) while the legitimate part of the same update
 * stands. After every case every HTTP read answers 200, and at the end a fresh client renders
 * every valid card. The same clients are used throughout: after each refusal their next edits
 * must still arrive.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, cardProblems, CHECKLIST_KEYS, copyEntry, readBoard, updateCard, type Role } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { createBoard, startAccessStack, type Call } from '../helpers/access';
import { storedDoc, waitFor, type SyncClient } from '../helpers/sync-clients';
import { agreeWithStorage, joinBoard } from '../helpers/board-clients';
import { ctx, LIVE } from '../helpers/write-context';
import { expectEveryReadOk, viewOf } from '../helpers/board-views';

type Area = 'cards' | 'approve' | 'purge' | 'facts' | 'meta' | 'units' | 'agenda' | 'outside';
/** The lowest role that may write each part, as the policy states it (written out here, not imported). */
const MAY: Record<Area, Role[]> = {
  cards: ['editor', 'leader', 'admin'],
  agenda: ['editor', 'leader', 'admin'],
  approve: ['leader', 'admin'],
  facts: ['leader', 'admin'],
  meta: ['admin'],
  units: ['admin'],
  purge: ['admin'],
  outside: [],
};

interface Case {
  name: string;
  area: Area;
  /** Whether the value written is a valid board value. */
  valid: boolean;
  /** The root and key whose value is judged (key omitted: the whole root). */
  root: string;
  key: (id: string) => string | undefined;
  /** Status of the nominee the admin prepares first (cards cases); none: no nominee. */
  nominee?: 'council-reviewed' | 'approved';
  write: (doc: Y.Doc, id: string) => void;
}

const card = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('cards').get(id)!;
const dossier = (doc: Y.Doc, id: string) => card(doc, id).get('dossier') as Y.Map<unknown>;
const ytext = (s: string) => new Y.Text(s);
const yarray = (items: unknown[]) => {
  const a = new Y.Array<unknown>();
  a.push(items);
  return a;
};
const ymap = (o: Record<string, unknown>) => {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(o)) m.set(k, v);
  return m;
};
const funds = (amount: number) => [{ id: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commune emulation and commendation fund', amount }];
/** A full nominee entry as core writes it, with the given review status. */
function nomineeMap(id: string, reviewStatus: unknown): Y.Map<unknown> {
  const at = new Date().toISOString();
  const m = ymap({
    id, kind: 'nominee', pos: { unit: 'council', order: 'V' }, name: 'Ông Trần Văn Bình', nomineeKind: 'individual', achievement: '',
    awardForm: null, reviewStatus, decisionDate: null, createdBy: 'x', createdAt: at, updatedBy: 'x', updatedAt: at, deletedAt: null, deletedBy: null,
  });
  m.set('dossier', new Y.Map());
  return m;
}
const status = (rep: unknown) => (doc: Y.Doc, id: string) => card(doc, id).set('reviewStatus', rep);
const onCard = (id: string) => id;

/** A valid delegate cap different from the last one written (a repeat would change nothing). */
let delegateCapWrites = 0;
const nextDelegateCap = () => 100 + (++delegateCapWrites % 50);

const CASES: Case[] = [
  // A nominee's review status: every representation of "approved".
  { name: 'reviewStatus "approved" (string)', area: 'approve', valid: true, root: 'cards', key: onCard, nominee: 'council-reviewed', write: status('approved') },
  { name: 'reviewStatus "awarded" (string)', area: 'approve', valid: true, root: 'cards', key: onCard, nominee: 'council-reviewed', write: status('awarded') },
  { name: 'reviewStatus out of "approved"', area: 'approve', valid: true, root: 'cards', key: onCard, nominee: 'approved', write: status('proposed') },
  { name: 'reviewStatus "proposed" (string, not guarded)', area: 'cards', valid: true, root: 'cards', key: onCard, nominee: 'council-reviewed', write: status('proposed') },
  { name: 'reviewStatus 3 (number)', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: status(3) },
  { name: 'reviewStatus Y.Text("awarded")', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => card(d, id).set('reviewStatus', ytext('awarded')) },
  { name: 'reviewStatus Y.Array(["approved"])', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => card(d, id).set('reviewStatus', yarray(['approved'])) },
  { name: 'reviewStatus Y.Map({value: "approved"})', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => card(d, id).set('reviewStatus', ymap({ value: 'approved' })) },
  { name: 'reviewStatus nested JSON {status: "approved"}', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: status({ status: 'approved' }) },
  { name: 'reviewStatus missing', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'approved', write: (d, id) => card(d, id).delete('reviewStatus') },
  { name: 'an approved nominee turned into a task', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'approved', write: (d, id) => card(d, id).set('kind', 'task') },
  { name: 'an unknown key on a card', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => card(d, id).set('cash', 999_000_000) },
  { name: 'a dossier replaced by a Y.Array', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => card(d, id).set('dossier', yarray([{ text: 'x', done: true }])) },
  // The items of a checklist (a nominee's dossier): one item, each representation.
  { name: 'a dossier item ticked (valid)', area: 'cards', valid: true, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', { text: 'Bản thành tích', done: true, order: 1 }) },
  { name: 'a dossier item whose text is blank', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', { text: '   ', done: false, order: 1 }) },
  { name: 'a dossier item whose text is a number', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', { text: 42, done: false, order: 1 }) },
  { name: 'a dossier item whose text is 501 characters', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', { text: 'x'.repeat(501), done: false, order: 1 }) },
  { name: 'a dossier item done "yes" (string)', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', { text: 'Bản thành tích', done: 'yes', order: 1 }) },
  { name: 'a dossier item with an unknown key', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', { text: 'Bản thành tích', done: false, order: 1, approved: true }) },
  { name: 'a dossier item whose id is 101 characters', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d'.repeat(101), { text: 'Bản thành tích', done: false, order: 1 }) },
  { name: 'a dossier item whose id is blank', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('  ', { text: 'Bản thành tích', done: false, order: 1 }) },
  { name: 'a dossier item that is a Y.Text', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', ytext('Bản thành tích')) },
  { name: 'a dossier item that is a Y.Map', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => dossier(d, id).set('d1', ymap({ text: 'Bản thành tích', done: true, order: 1 })) },
  { name: 'a dossier of 201 items', area: 'cards', valid: false, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => { for (let k = 0; k < 201; k++) dossier(d, id).set(`d${k}`, { text: `Mục ${k}`, done: false, order: k }); } },
  // The card entry itself.
  { name: 'a card entry that is a string', area: 'cards', valid: false, root: 'cards', key: (id) => `${id}-new`, write: (d, id) => d.getMap('cards').set(`${id}-new`, 'junk') },
  { name: 'a card entry that is a Y.Text', area: 'cards', valid: false, root: 'cards', key: (id) => `${id}-new`, write: (d, id) => d.getMap('cards').set(`${id}-new`, ytext('awarded')) },
  { name: 'a new nominee created "approved"', area: 'approve', valid: true, root: 'cards', key: (id) => `${id}-new`, write: (d, id) => d.getMap('cards').set(`${id}-new`, nomineeMap(`${id}-new`, 'approved')) },
  { name: 'a nominee entry replaced by an approved copy', area: 'approve', valid: true, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => d.getMap('cards').set(id, nomineeMap(id, 'approved')) },
  { name: 'a card removed for good', area: 'purge', valid: true, root: 'cards', key: onCard, nominee: 'council-reviewed', write: (d, id) => d.getMap('cards').delete(id) },
  // The facts (funds, delegates).
  { name: 'funds amount 777,000,000 (valid JSON)', area: 'facts', valid: true, root: 'facts', key: () => 'funds', write: (d) => d.getMap('facts').set('funds', funds(777_000_000 + Math.floor(Math.random() * 1000))) },
  { name: 'funds as a Y.Array of the same JSON', area: 'facts', valid: false, root: 'facts', key: () => 'funds', write: (d) => d.getMap('facts').set('funds', yarray(funds(777_000_000))) },
  { name: 'funds as a Y.Map', area: 'facts', valid: false, root: 'facts', key: () => 'funds', write: (d) => d.getMap('facts').set('funds', ymap({ 'commendation-fund': 777_000_000 })) },
  { name: 'funds as a string', area: 'facts', valid: false, root: 'facts', key: () => 'funds', write: (d) => d.getMap('facts').set('funds', '777000000') },
  // A funds list that drops the fund plan 27's budget lines draw on: valid JSON, but the lines would show a bare id.
  { name: 'funds without the fund the budget lines use', area: 'facts', valid: false, root: 'facts', key: () => 'funds', write: (d) => d.getMap('facts').set('funds', [{ id: 'ngan-sach-xa', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 5_000_000 }]) },
  { name: 'funds with a second fund added (valid)', area: 'facts', valid: true, root: 'facts', key: () => 'funds', write: (d) => d.getMap('facts').set('funds', [...funds(777_000_000), { id: `ns-${Math.random().toString(36).slice(2, 6)}`, nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 5_000_000 }]) },
  { name: 'delegateCap 120 (valid)', area: 'facts', valid: true, root: 'facts', key: () => 'delegateCap', write: (d) => d.getMap('facts').set('delegateCap', nextDelegateCap()) },
  { name: 'delegateCap −3', area: 'facts', valid: false, root: 'facts', key: () => 'delegateCap', write: (d) => d.getMap('facts').set('delegateCap', -3) },
  { name: 'delegateCap Y.Text("150")', area: 'facts', valid: false, root: 'facts', key: () => 'delegateCap', write: (d) => d.getMap('facts').set('delegateCap', ytext('150')) },
  { name: 'an unknown fact', area: 'facts', valid: false, root: 'facts', key: () => 'secretBonus', write: (d) => d.getMap('facts').set('secretBonus', 1) },
  // The board's meta.
  { name: 'meta.version 3', area: 'meta', valid: false, root: 'meta', key: () => 'version', write: (d) => d.getMap('meta').set('version', 3) },
  { name: 'meta.version "2" (string)', area: 'meta', valid: false, root: 'meta', key: () => 'version', write: (d) => d.getMap('meta').set('version', '2') },
  { name: 'meta.title renamed (valid)', area: 'meta', valid: true, root: 'meta', key: () => 'title', write: (d) => d.getMap('meta').set('title', `Hội nghị ${Math.random().toString(36).slice(2, 6)}`) },
  { name: 'meta.title as Y.Text', area: 'meta', valid: false, root: 'meta', key: () => 'title', write: (d) => d.getMap('meta').set('title', ytext('Bị đổi tên')) },
  // Columns.
  { name: 'a column renamed (valid)', area: 'units', valid: true, root: 'units', key: () => 'front', write: (d) => d.getMap<Y.Map<unknown>>('units').get('front')!.set('nameVi', `Mặt trận ${Math.random().toString(36).slice(2, 5)}`) },
  { name: 'a column entry that is a string', area: 'units', valid: false, root: 'units', key: (id) => `u${id.replace(/[^a-z0-9]/g, '')}`, write: (d, id) => d.getMap('units').set(`u${id.replace(/[^a-z0-9]/g, '')}`, 'junk') },
  // The agenda.
  { name: 'an agenda item (valid)', area: 'agenda', valid: true, root: 'agenda', key: () => undefined, write: (d, id) => d.getArray('agenda').push([{ id: `a-${id}`, text: 'Phát biểu của đại biểu' }]) },
  { name: 'an agenda item that is a number', area: 'agenda', valid: false, root: 'agenda', key: () => undefined, write: (d) => d.getArray('agenda').push([42]) },
  { name: 'an agenda item that is a Y.Map', area: 'agenda', valid: false, root: 'agenda', key: () => undefined, write: (d) => d.getArray('agenda').push([ymap({ id: 'x', text: 'y' })]) },
  // Content outside the board's layout.
  { name: 'a top-level map of its own', area: 'outside', valid: false, root: 'evil', key: () => undefined, write: (d, id) => d.getMap('evil').set(id, 'x'.repeat(1000)) },
  { name: 'a top-level text of its own', area: 'outside', valid: false, root: 'notes', key: () => undefined, write: (d) => d.getText('notes').insert(0, 'rác') },
];

const ROLES: Role[] = ['editor', 'leader', 'admin'];

describe('adversarial writes, every representation, every role', () => {
  let stack: LocalStack;
  let call: Call;
  let adminCookie: string;
  let boardId: string;
  const clients: SyncClient[] = [];
  const by = {} as Record<Role, SyncClient>;
  let watcher: SyncClient;
  let builder: SyncClient;
  let seq = 0;

  const join = (role: Role, subject: string) => joinBoard(stack, boardId, role, subject, clients);
  /** Author, watcher and storage hold the same board. */
  const converged = (author: SyncClient) => agreeWithStorage(stack, boardId, [author, watcher]);

  beforeAll(async () => {
    ({ stack, call, adminCookie } = await startAccessStack());
    boardId = await createBoard(call, adminCookie);
    builder = await join('admin', 'quan-tri');
    watcher = await join('viewer', 'huyen');
    for (const role of ROLES) by[role] = await join(role, `${role}-1`);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  for (const c of CASES) {
    it(`${c.name}: allowed only for ${c.valid ? MAY[c.area].join(', ') || 'nobody' : 'nobody (invalid)'}`, async () => {
      for (const role of ROLES) {
        for (const mixed of [false, true]) {
          const author = by[role];
          const id = `n${++seq}-${role}`;
          if (c.nominee) {
            addCard(builder.doc, { kind: 'nominee', id, unit: 'council', name: `Bà ${id}`, nomineeKind: 'individual', reviewStatus: c.nominee }, ctx('quan-tri', LIVE));
            await waitFor(() => author.doc.getMap('cards').has(id) && watcher.doc.getMap('cards').has(id), 'the prepared nominee arrives');
          }
          await converged(author);
          const key = c.key(id);
          const before = viewOf(author.doc, c.root, key);
          const denied = author.permissionDenied.length;
          const legitTitle = `Việc hợp lệ ${seq} (${role}${mixed ? ', mixed' : ''})`;
          author.doc.transact(() => {
            if (mixed) updateCard(author.doc, 'task-iv-5-1', { title: legitTitle }, ctx(role, LIVE));
            c.write(author.doc, id);
          });
          const intended = viewOf(author.doc, c.root, key);
          expect(intended, `${role}: the write changed something`).not.toBe(before);
          const allowed = c.valid && MAY[c.area].includes(role);
          if (!allowed) await waitFor(() => author.permissionDenied.length > denied, `${role} is told its write was undone`, 5000);
          await converged(author);
          const stored = await storedDoc(stack, boardId);
          const what = `${role}${mixed ? ' (mixed with a legitimate edit)' : ''}: ${c.name}`;
          expect(viewOf(stored, c.root, key), what).toBe(allowed ? intended : before);
          expect(viewOf(watcher.doc, c.root, key), what).toBe(allowed ? intended : before);
          if (allowed) expect(author.permissionDenied.length, what).toBe(denied);
          if (mixed) {
            // The legitimate part of the same update stands, everywhere.
            expect((readBoard(stored).cards.find((x) => x.id === 'task-iv-5-1') as { title: string }).title, what).toBe(legitTitle);
            expect((readBoard(watcher.doc).cards.find((x) => x.id === 'task-iv-5-1') as { title: string }).title, what).toBe(legitTitle);
          }
          expect(readBoard(stored).problems, what).toEqual([]);
        }
      }
      await expectEveryReadOk(call, adminCookie, boardId);
    });
  }

  it("a leader's funds list without the fund in use is undone with the fund's name and count; the leader's next funds edit stands", async () => {
    const leader = by.leader;
    await converged(leader);
    const lines = readBoard(await storedDoc(stack, boardId)).cards.filter((c) => c.kind === 'budget' && c.fundingSource === 'commendation-fund').length;
    expect(lines).toBeGreaterThan(0);
    const denied = leader.permissionDenied.length;
    leader.doc.getMap('facts').set('funds', [{ id: 'ngan-sach-xa', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 5_000_000 }]);
    await waitFor(() => leader.permissionDenied.length > denied, 'the leader is told', 5000);
    expect(leader.permissionDenied.at(-1)).toContain(`Nguồn "Quỹ thi đua, khen thưởng xã" đang dùng cho ${lines} khoản kinh phí`);
    await converged(leader);
    expect(readBoard(await storedDoc(stack, boardId)).facts.funds.map((f) => f.id)).toContain('commendation-fund');
    // The same client, next: a valid change of the same fund's amount arrives everywhere.
    leader.doc.getMap('facts').set('funds', funds(123_000_000));
    await converged(leader);
    expect(readBoard(await storedDoc(stack, boardId)).facts.funds).toEqual(funds(123_000_000));
    expect(readBoard(watcher.doc).facts.funds).toEqual(funds(123_000_000));
    expect(leader.permissionDenied.length).toBe(denied + 1);
  });

  it('after all of it: every HTTP read answers 200, and a fresh client renders every valid card', async () => {
    await stack.gateway.idle();
    const stored = await storedDoc(stack, boardId);
    const valid: string[] = [];
    stored.getMap('cards').forEach((m, id) => {
      if (cardProblems(id, copyEntry(m, CHECKLIST_KEYS)).length === 0) valid.push(id);
    });
    expect(valid.length).toBe(stored.getMap('cards').size); // nothing invalid was ever stored
    const http = await expectEveryReadOk(call, adminCookie, boardId);
    expect(http.problems).toEqual([]);
    const fresh = await join('viewer', 'huyen-2');
    const board = readBoard(fresh.doc);
    expect([...board.cards, ...board.deletedCards].map((x) => x.id).sort()).toEqual(valid.sort());
    expect(board.problems).toEqual([]);
    // The refused clients were never cut off: one more edit each arrives at the watcher.
    for (const role of ROLES) updateCard(by[role].doc, 'task-iv-3-1', { title: `Cuối cùng: ${role}` }, ctx(role, LIVE));
    await waitFor(() => ROLES.some((r) => (readBoard(watcher.doc).cards.find((x) => x.id === 'task-iv-3-1') as { title: string }).title === `Cuối cùng: ${r}`), 'last edits arrive');
    for (const role of ROLES) {
      updateCard(by[role].doc, 'task-iv-1-1', { assignee: `Người ${role}` }, ctx(role, LIVE));
      await waitFor(() => (readBoard(watcher.doc).cards.find((x) => x.id === 'task-iv-1-1') as { assignee: string }).assignee === `Người ${role}`, `${role}'s edit arrives`);
    }
  });
});
