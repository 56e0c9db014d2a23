/**
 * Several real y-websocket clients, over real sockets through the base64 polyfill, against the
 * local gateway (same handlers and event shapes as on AWS, dynalite underneath).
 */
import * as Y from 'yjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '@binhan/local';
import { boardContent, lines, notes } from '../helpers/board-notes';
import { connectClient, startTestStack, storedDoc, synced, tokensFor, waitFor, type SyncClient } from '../helpers/sync-clients';

describe('live sync through the local gateway', () => {
  let stack: LocalStack;
  const clients: SyncClient[] = [];
  const client = (boardId: string, token: string, doc?: Y.Doc) => {
    const c = connectClient(stack, boardId, token, doc);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    stack = await startTestStack({ compactEvery: 25 });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  it('converges concurrent edits of five clients, in every client and in storage', async () => {
    const { edit } = tokensFor(stack, 'converge');
    const five = Array.from({ length: 5 }, () => client('converge', edit));
    await Promise.all(five.map(synced));
    // Everyone edits at once: 40 map entries each and text typed into the same place.
    five.forEach((c, i) => {
      for (let k = 0; k < 40; k++) notes(c.doc).set(`c${i}-${k}`, k);
      lines(c.doc).insert(0, `[${i}]`);
    });
    const expectedKeys = five.flatMap((_, i) => Array.from({ length: 40 }, (_, k) => `c${i}-${k}`)).sort();
    await waitFor(
      () => five.every((c) => Object.keys(notes(c.doc).toJSON()).length === 200 && lines(c.doc).length === 15),
      'all 200 entries and all text in every client',
    );
    const first = boardContent(five[0]!.doc);
    expect(Object.keys(first.items).sort()).toEqual(expectedKeys);
    for (const c of five) expect(boardContent(c.doc)).toEqual(first);
    await stack.gateway.idle();
    expect(boardContent(await storedDoc(stack, 'converge'))).toEqual(first);
  });

  it('lets a client that missed edits catch up when it reconnects, and sends its offline edits', async () => {
    const { edit } = tokensFor(stack, 'reconnect');
    const a = client('reconnect', edit);
    const b = client('reconnect', edit);
    await Promise.all([synced(a), synced(b)]);
    a.provider.disconnect();
    await waitFor(() => !a.provider.wsconnected, 'a disconnected');
    notes(b.doc).set('while-a-was-away', 'from b');
    notes(a.doc).set('offline-edit', 'from a');
    a.provider.connect();
    await waitFor(() => notes(a.doc).get('while-a-was-away') === 'from b', 'a caught up with b');
    await waitFor(() => notes(b.doc).get('offline-edit') === 'from a', 'b received a\'s offline edit');
    await stack.gateway.idle();
    expect(notes(await storedDoc(stack, 'reconnect')).toJSON()).toEqual({ 'while-a-was-away': 'from b', 'offline-edit': 'from a' });
  });

  it('carries messages larger than a frame in fragments, both ways', async () => {
    const { edit } = tokensFor(stack, 'large');
    const a = client('large', edit);
    const b = client('large', edit);
    await Promise.all([synced(a), synced(b)]);
    const big = 'Đại hội thi đua yêu nước '.repeat(12_000); // ~300 KB of UTF-8: 10+ client frames, 3+ server frames
    lines(a.doc).insert(0, big);
    await waitFor(() => lines(b.doc).length === big.length, 'b received the large edit');
    expect(lines(b.doc).toString()).toBe(big);
    const late = client('large', edit);
    await synced(late);
    expect(lines(late.doc).toString()).toBe(big);
    expect(a.serverErrors).toEqual([]);
  });

  it('refuses every write of a view token: permission-denied, nothing stored, nothing relayed', async () => {
    const { edit, view } = tokensFor(stack, 'readonly');
    const staff = client('readonly', edit);
    const district = client('readonly', view);
    await Promise.all([synced(staff), synced(district)]);
    notes(staff.doc).set('agenda', 'Chào cờ');
    await waitFor(() => notes(district.doc).get('agenda') === 'Chào cờ', 'the viewer sees live edits');
    await stack.gateway.idle();
    const storedBefore = (await stack.updates.load('readonly')).updates.length;

    notes(district.doc).set('agenda', 'changed by the district');
    notes(district.doc).set('injected', true);
    await waitFor(() => district.permissionDenied.length > 0, 'permission-denied for the viewer');
    expect(district.permissionDenied[0]).toMatch(/read-only/);
    // A reconnect makes the viewer's client offer its edits again (sync step 2): refused again.
    district.provider.disconnect();
    district.provider.connect();
    await waitFor(() => district.permissionDenied.length > 1, 'refused again after reconnect');
    await stack.gateway.idle();
    expect(notes(staff.doc).toJSON()).toEqual({ agenda: 'Chào cờ' });
    expect(notes(await storedDoc(stack, 'readonly')).toJSON()).toEqual({ agenda: 'Chào cờ' });
    expect((await stack.updates.load('readonly')).updates.length).toBe(storedBefore);
  });

  it('shows awareness to the others and removes it when a client leaves', async () => {
    const { edit, view } = tokensFor(stack, 'presence');
    const lan = client('presence', edit);
    lan.provider.awareness.setLocalStateField('user', { name: 'Chị Lan' });
    await synced(lan);
    const hung = client('presence', view);
    hung.provider.awareness.setLocalStateField('user', { name: 'Anh Hùng (huyện)' });
    await synced(hung);
    const names = (c: SyncClient) =>
      [...c.provider.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name).filter(Boolean).sort();
    await waitFor(() => names(hung).length === 2 && names(lan).length === 2, 'both see both names');
    expect(names(lan)).toEqual(['Anh Hùng (huyện)', 'Chị Lan']);
    lan.provider.ws?.close(); // abrupt: the server notices through $disconnect, not the client's goodbye
    lan.provider.shouldConnect = false;
    await waitFor(() => names(hung).length === 1, 'Lan removed from Hùng\'s view');
    expect(names(hung)).toEqual(['Anh Hùng (huyện)']);
  });

  // A record for a connection the gateway no longer has (its $disconnect never ran), old enough
  // not to be mistaken for one whose $connect is still running; it owns a presence state. With the
  // DynamoDB Query audience (AWS) it may appear at any time (another process); with the gateway's
  // own audience (local default) only a previous process on the same data folder can leave one.
  for (const audience of ['query', 'gateway'] as const) {
    it(`drops a stale connection found by a failed post (410) and removes its awareness (audience: ${audience})`, async () => {
      const { Connections, AwarenessStates, decodeAwarenessUpdate } = await import('@binhan/functions');
      const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
      const ghostDoc = new Y.Doc();
      const leaveGhost = async (on: LocalStack) => {
        const ghost = new Awareness(ghostDoc);
        ghost.setLocalStateField('user', { name: 'Ghost' });
        await new Connections(on.table, () => Date.now() - 60_000).put({ connectionId: 'gone-connection', boardId: 'stale', right: 'edit', role: 'editor', subject: 'x', tokenId: 'x' });
        await new AwarenessStates(on.table).apply('stale', 'gone-connection', decodeAwarenessUpdate(encodeAwarenessUpdate(ghost, [ghostDoc.clientID])));
        ghost.destroy();
      };
      const dataDir = mkdtempSync(join(tmpdir(), 'binhan-stale-'));
      let own = await startTestStack({ audience, dataDir });
      const mine: SyncClient[] = [];
      try {
        if (audience === 'gateway') {
          await leaveGhost(own); // left by this process, which then stops without its $disconnect
          await own.close();
          own = await startTestStack({ audience, dataDir });
          expect((await new Connections(own.table).listBoard('stale')).map((c) => c.connectionId)).toContain('gone-connection');
        }
        const { edit } = tokensFor(own, 'stale');
        const a = connectClient(own, 'stale', edit);
        mine.push(a);
        await synced(a);
        await own.gateway.idle(); // a's own presence has been fanned out
        if (audience === 'query') await leaveGhost(own);
        const staleDoc = ghostDoc;
        // b is sent the ghost's presence from storage when it syncs. Any fan-out to the board (b's own
        // presence, or the edit below) posts to the ghost, gets 410 and removes it: record that b saw it.
        const b = connectClient(own, 'stale', edit);
        mine.push(b);
        let bSawGhost = false;
        b.provider.awareness.on('update', () => {
          if (b.provider.awareness.getStates().has(staleDoc.clientID)) bSawGhost = true;
        });
        await synced(b);
        // Gateway: a's own first fan-out already found the ghost (the records a previous process
        // left are read once per board) and removed it, before b joined.
        if (audience === 'query') await waitFor(() => bSawGhost, 'b sees the ghost from storage');
        notes(a.doc).set('edit', 1); // a fan-out to the ghost, if b's presence did not make one
        await waitFor(() => !b.provider.awareness.getStates().has(staleDoc.clientID), 'ghost removed from b');
        await own.gateway.idle();
        expect((await own.deps.connections.listBoard('stale')).map((c) => c.connectionId)).not.toContain('gone-connection');
        expect((await new Connections(own.table).listBoard('stale')).map((c) => c.connectionId)).not.toContain('gone-connection');
      } finally {
        for (const c of mine) c.destroy();
        await own.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});

describe('a restart of the server', () => {
  it('loses nothing: a new process on the same data folder serves every acknowledged edit', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'binhan-restart-'));
    try {
      let stack = await startTestStack({ dataDir });
      const { edit } = tokensFor(stack, 'restart');
      const a = connectClient(stack, 'restart', edit);
      await synced(a);
      for (let i = 0; i < 30; i++) notes(a.doc).set(`k${i}`, i);
      await stack.gateway.idle();
      await waitFor(async () => Object.keys(notes(await storedDoc(stack, 'restart')).toJSON()).length === 30, 'all stored');
      a.destroy();
      await stack.close();

      stack = await startTestStack({ dataDir });
      const b = connectClient(stack, 'restart', tokensFor(stack, 'restart').edit);
      await synced(b);
      expect(Object.keys(notes(b.doc).toJSON()).length).toBe(30);
      expect(notes(b.doc).get('k29')).toBe('29');
      b.destroy();
      await stack.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
