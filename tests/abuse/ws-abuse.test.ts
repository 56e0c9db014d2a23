/**
 * Attacks on the sync endpoint from someone holding a link, over real sockets against the
 * local stack (issue 10, items 1-3): awareness floods with thousands of client ids, floods of
 * awareness and query-awareness messages, oversized states, presence spoofing, and fragments
 * that never complete. Each shows the limit hit (an error frame), storage growth bounded
 * (bytes before and after), and honest clients joining in normal time and syncing every edit.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION_LIMITS } from '@binhan/functions';
import type { LocalStack } from '@binhan/local';
import {
  awarenessFrame,
  awarenessReceived,
  errorFrames,
  joinTime,
  medianJoin,
  queryAwarenessFrame,
  rawSync,
  sleep,
  tableSize,
} from '../helpers/abuse';
import { connectClient, startTestStack, tokensFor, waitFor, synced, type SyncClient } from '../helpers/sync-clients';
import { lines, notes } from '../helpers/board-notes';

const L = DEFAULT_CONNECTION_LIMITS;
const isAwareness = (boardId: string) => (i: Record<string, unknown>) => i.pk === `B#${boardId}` && String(i.sk).startsWith('A#');
const isFragment = (i: Record<string, unknown>) => /^[FG]#/.test(String(i.sk));

/** Honest editors: one edits, the other must see every edit. */
async function honestPair(stack: LocalStack, boardId: string, edit: string): Promise<{ lan: SyncClient; hung: SyncClient; close(): void }> {
  const lan = connectClient(stack, boardId, edit);
  const hung = connectClient(stack, boardId, edit);
  await Promise.all([synced(lan), synced(hung)]);
  lan.provider.awareness.setLocalStateField('user', { name: 'Lan (văn phòng)' });
  hung.provider.awareness.setLocalStateField('user', { name: 'Hùng (huyện)' });
  return { lan, hung, close: () => (lan.destroy(), hung.destroy()) };
}

async function everyEditArrives(from: SyncClient, to: SyncClient, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) notes(from.doc).set(`${tag}-${i}`, i);
  await waitFor(() => Object.keys(notes(to.doc).toJSON()).filter((k) => k.startsWith(`${tag}-`)).length === n, `${n} edits ${tag} arrive`);
}

function nameOf(c: SyncClient, clientID: number): string | undefined {
  return (c.provider.awareness.getStates().get(clientID) as { user?: { name?: string } } | undefined)?.user?.name;
}

describe('abuse of the sync endpoint', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack({ connectionLimits: { pendingFragmentBytes: 300_000 } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('an awareness flood of 18,000 client ids from a view link stores at most 4 of them; honest joins stay in normal time and every edit arrives', async () => {
    const board = 'flood';
    const { edit, view } = tokensFor(stack, board);
    const honest = await honestPair(stack, board, edit);
    await stack.gateway.idle();
    const normal = await medianJoin(stack, board, view);
    await stack.gateway.idle();
    const before = await tableSize(stack.table, isAwareness(board));

    const attacker = await rawSync(stack, board, view);
    // What the issue saw: 3 messages with 6,000 client ids each.
    let id = 1_000_000;
    for (let m = 0; m < 3; m++) attacker.socket.send(awarenessFrame(Array.from({ length: 6000 }, () => ({ clientID: id++, clock: 1, state: {} }))));
    // Then within the entry limit: 60 messages of 150 new ids each (9,000 ids), sent while an honest client joins.
    const during = joinTime(stack, board, view);
    for (let m = 0; m < 60; m++) attacker.socket.send(awarenessFrame(Array.from({ length: 150 }, () => ({ clientID: id++, clock: 1, state: { user: { name: 'x' } } }))));
    const duringMs = await during;
    await everyEditArrives(honest.lan, honest.hung, 20, 'flood');
    await stack.gateway.idle();
    await waitFor(() => errorFrames(attacker).filter((e) => e.code === 'awareness-too-many-entries').length === 3, 'entry limit answered');
    const afterMs = await medianJoin(stack, board, view);
    await stack.gateway.idle();

    const errors = errorFrames(attacker).map((e) => e.code);
    expect(errors.filter((c) => c === 'awareness-too-many-entries')).toHaveLength(3);
    expect(errors).toContain('awareness-too-many-client-ids');
    const after = await tableSize(stack.table, isAwareness(board));
    const attackerItems = after.items - before.items - 4; // the 4 joins above each left one state (released, kept a minute)
    expect(attackerItems).toBeLessThanOrEqual(L.awarenessClientIds);
    expect(after.bytes - before.bytes).toBeLessThan(4_000);
    console.log(`[abuse] awareness flood: ${18_000 + 9_000} ids sent, items ${before.items} → ${after.items}, bytes ${before.bytes} → ${after.bytes}; join ${normal.toFixed(0)} ms normal, ${duringMs.toFixed(0)} during, ${afterMs.toFixed(0)} after`);
    // Join time during and after the attack. The figures are printed above (the target is
    // under 2× normal); the test only guards against the stall that was seen (0.5 s → 10 s), with
    // room for a loaded 2-core machine, so that it never fails on a slow machine alone.
    expect(duringMs).toBeLessThan(2 * normal + 1000);
    expect(afterMs).toBeLessThan(2 * normal + 1000);
    // The honest names are unchanged for everyone.
    expect(nameOf(honest.hung, honest.lan.doc.clientID)).toBe('Lan (văn phòng)');
    attacker.socket.close();
    honest.close();
  });

  it('300 query-awareness messages get at most the burst answered; awareness at 200 messages is cut at the bucket', async () => {
    const board = 'query-flood';
    const { edit, view } = tokensFor(stack, board);
    const honest = await honestPair(stack, board, edit);
    await waitFor(() => nameOf(honest.hung, honest.lan.doc.clientID) === 'Lan (văn phòng)', 'names known');
    await stack.gateway.idle();
    const attacker = await rawSync(stack, board, view);
    const started = Date.now();
    for (let i = 0; i < 300; i++) attacker.socket.send(queryAwarenessFrame());
    await waitFor(() => errorFrames(attacker).some((e) => e.code === 'query-awareness-rate'), 'query rate hit');
    await sleep(500);
    await stack.gateway.idle();
    const seconds = (Date.now() - started) / 1000;
    const answers = awarenessReceived(attacker).length;
    expect(answers).toBeGreaterThan(0);
    expect(answers).toBeLessThanOrEqual(L.queryAwarenessBurst + Math.ceil(seconds * L.queryAwarenessPerSecond) + 5 /* tokens a process takes at once */);
    expect(errorFrames(attacker).map((e) => e.code)).toContain('query-awareness-rate');
    // One own client id renewed 200 times at once: at most the burst (+ what refilled) relayed to Hùng.
    let relayed = 0;
    const me = 424242;
    honest.hung.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if (added.includes(me) || updated.includes(me)) relayed++;
    });
    for (let clock = 1; clock <= 200; clock++) attacker.socket.send(awarenessFrame([{ clientID: me, clock, state: { user: { name: `v${clock}` } } }]));
    await waitFor(() => errorFrames(attacker).some((e) => e.code === 'awareness-rate'), 'awareness rate hit');
    await sleep(500);
    await stack.gateway.idle();
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThanOrEqual(L.awarenessBurst + Math.ceil(((Date.now() - started) / 1000) * L.awarenessPerSecond) + 5);
    expect(errorFrames(attacker).map((e) => e.code)).toContain('awareness-rate');
    await everyEditArrives(honest.lan, honest.hung, 10, 'q');
    attacker.socket.close();
    honest.close();
  });

  it('a view link sending another person’s client id (the spoof "CHỦ TỊCH (giả mạo)") changes nothing anyone sees or storage holds', async () => {
    const board = 'spoof';
    const { edit, view } = tokensFor(stack, board);
    const honest = await honestPair(stack, board, edit);
    const victim = honest.lan.doc.clientID;
    await waitFor(() => nameOf(honest.hung, victim) === 'Lan (văn phòng)', 'Hùng sees Lan');
    await stack.gateway.idle();
    const storedBefore = (await stack.deps.awareness.list(board)).find((s) => s.clientID === victim)!;
    const attacker = await rawSync(stack, board, view);
    const clock = (honest.lan.provider.awareness.meta.get(victim)?.clock ?? 0) + 5;
    attacker.socket.send(awarenessFrame([{ clientID: victim, clock, state: { user: { name: 'CHỦ TỊCH (giả mạo)' } } }]));
    await waitFor(() => errorFrames(attacker).some((e) => e.code === 'awareness-not-yours'), 'spoof refused');
    // A removal of the victim's state, too, is not the attacker's to send.
    attacker.socket.send(awarenessFrame([{ clientID: victim, clock: clock + 1, state: null }]));
    await stack.gateway.idle();
    await sleep(100);
    expect(nameOf(honest.hung, victim)).toBe('Lan (văn phòng)');
    const storedAfter = (await stack.deps.awareness.list(board)).find((s) => s.clientID === victim)!;
    expect(storedAfter).toEqual(storedBefore);
    // A newcomer is told the real name.
    const newcomer = connectClient(stack, board, view);
    await waitFor(() => nameOf(newcomer, victim) === 'Lan (văn phòng)', 'newcomer sees Lan');
    // Lan's own renewals still go through.
    honest.lan.provider.awareness.setLocalStateField('user', { name: 'Lan (đã đổi tên)' });
    await waitFor(() => nameOf(honest.hung, victim) === 'Lan (đã đổi tên)', 'Lan renames herself');
    newcomer.destroy();
    attacker.socket.close();
    honest.close();
  });

  it('an awareness state over the size limit is refused whole and not stored', async () => {
    const board = 'big-state';
    const { view } = tokensFor(stack, board);
    const attacker = await rawSync(stack, board, view);
    attacker.socket.send(awarenessFrame([{ clientID: 777, clock: 1, state: { user: { name: 'Đ'.repeat(L.awarenessStateBytes) } } }]));
    await waitFor(() => errorFrames(attacker).some((e) => e.code === 'awareness-too-large'), 'too large refused');
    expect(await tableSize(stack.table, isAwareness(board))).toEqual({ items: 0, bytes: 0 });
    attacker.socket.send(awarenessFrame([{ clientID: 777, clock: 1, state: { user: { name: 'Khách' } } }]));
    await waitFor(async () => (await tableSize(stack.table, isAwareness(board))).items === 1, 'a normal state is stored');
    attacker.socket.close();
  });

  it('fragments from a view link are refused before anything is stored: 300 × 100 KB leave storage as it was', async () => {
    const board = 'view-fragments';
    const { edit, view } = tokensFor(stack, board);
    const honest = await honestPair(stack, board, edit);
    await stack.gateway.idle();
    const before = await tableSize(stack.table);
    const attacker = await rawSync(stack, board, view);
    const data = 'A'.repeat(100 * 1024);
    for (let i = 0; i < 300; i++) attacker.socket.send(`~m${i}.0.2.${data}`);
    await everyEditArrives(honest.lan, honest.hung, 10, 'vf');
    await stack.gateway.idle();
    await waitFor(() => errorFrames(attacker).length >= 300, 'every fragment answered');
    expect(new Set(errorFrames(attacker).map((e) => e.code))).toEqual(new Set(['fragments-not-allowed']));
    expect(await tableSize(stack.table, isFragment)).toEqual({ items: 0, bytes: 0 });
    const after = await tableSize(stack.table);
    console.log(`[abuse] view fragments: 300 × 100 KB sent, table ${before.bytes} → ${after.bytes} bytes`);
    expect(after.bytes - before.bytes).toBeLessThan(20_000); // the 10 honest edits
    attacker.socket.close();
    honest.close();
  });

  it('an edit link may leave only 4 unfinished messages and 300 KB of fragments; a big honest edit still syncs', async () => {
    const board = 'edit-fragments';
    const { edit } = tokensFor(stack, board);
    const honest = await honestPair(stack, board, edit);
    await stack.gateway.idle();
    const attacker = await rawSync(stack, board, edit);
    const chunk = 'A'.repeat(30_000);
    // 10 message ids, one fragment each: only 4 are stored.
    for (let i = 0; i < 10; i++) attacker.socket.send(`~id${i}.0.100.${chunk}`);
    await waitFor(() => errorFrames(attacker).length >= 6, `6 refusals, got ${JSON.stringify(errorFrames(attacker))}`);
    await stack.gateway.idle();
    expect(errorFrames(attacker).filter((e) => e.code === 'fragment-limit').length).toBe(6);
    expect((await tableSize(stack.table, (i) => String(i.sk).startsWith('F#'))).items).toBe(4);
    // More fragments of those 4 messages: stored until 300 KB (400,000 base64 characters) are held.
    for (let i = 1; i <= 20; i++) attacker.socket.send(`~id${i % 4}.${i}.100.${chunk}`);
    await waitFor(() => errorFrames(attacker).length >= 6 + 11, `11 more refusals, got ${errorFrames(attacker).length}`);
    await stack.gateway.idle();
    expect(errorFrames(attacker).slice(6).every((e) => e.code === 'fragment-limit' && /bytes/.test(e.message))).toBe(true);
    const stored = await tableSize(stack.table, (i) => String(i.sk).startsWith('F#'));
    expect(stored.items).toBe(13); // 13 × 30,000 = 390,000 characters; a 14th would pass 400,000: 11 of the 20 refused
    expect(stored.bytes).toBeLessThan(400_000 + 13 * 200);
    console.log(`[abuse] edit fragments: 30 × 30,000 chars sent, ${stored.items} stored (${stored.bytes} bytes)`);
    // An honest editor's 200 KB edit (fragmented by the client) syncs: its own allowance.
    const big = new Y.Doc();
    lines(big).insert(0, 'x'.repeat(200_000));
    Y.applyUpdate(honest.lan.doc, Y.encodeStateAsUpdate(big));
    await waitFor(() => lines(honest.hung.doc).length === 200_000, 'big edit arrives');
    await everyEditArrives(honest.lan, honest.hung, 5, 'ef');
    // When the attacker leaves, its fragments go with it.
    attacker.socket.close();
    await attacker.closed;
    await waitFor(async () => (await tableSize(stack.table, isFragment)).items === 0, 'fragments cleared');
    honest.close();
  });
});
