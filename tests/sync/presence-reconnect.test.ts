/**
 * A tab that reconnects is present again at once, not at its next awareness renewal (15 s).
 * y-websocket re-announces its state with the clock it had; if the server has meanwhile removed
 * that state (the old connection's $disconnect writes it null at clock + 1), the announcement
 * is older than what is stored and used to be dropped, so the tab stayed absent for everyone
 * (the browser board test's "Chị Lan" missing from a colleague's presence, after her page
 * reconnected with the name she had chosen). Now the server answers an announcement older than
 * what it stores with the stored state; y-protocols then bumps its own clock past it and
 * announces again. What is tried, with stock y-websocket clients: a reconnect after the old
 * connection was released (she is seen again within 3 s, her presence is stored under her new
 * connection, a newcomer sees her, her later edits arrive); and another holder (a view link)
 * sending an old state of her client id, which changes nothing anyone sees or storage holds.
 */
import { describe, expect, it } from 'vitest';
import { notes } from '../helpers/board-notes';
import { awarenessFrame, rawSync } from '../helpers/abuse';
import { useSyncStack } from '../helpers/stack-hooks';
import { synced, tokensFor, waitFor, type SyncClient } from '../helpers/sync-clients';

const nameOf = (c: SyncClient, clientID: number) => (c.provider.awareness.getStates().get(clientID) as { user?: { name?: string } } | undefined)?.user?.name;

describe('a reconnecting tab keeps its presence', () => {
  const sync = useSyncStack();
  const client = sync.client;

  it('is seen again at once after its old connection was released, under its new connection', async () => {
    const stack = sync.stack();
    const { edit, view } = tokensFor(stack, 'rejoin');
    const lan = client('rejoin', edit);
    lan.provider.awareness.setLocalStateField('user', { name: 'Chị Lan' });
    await synced(lan);
    const hung = client('rejoin', view);
    hung.provider.awareness.setLocalStateField('user', { name: 'Anh Hùng (huyện)' });
    await synced(hung);
    const lanId = lan.doc.clientID;
    await waitFor(() => nameOf(hung, lanId) === 'Chị Lan', 'Hùng sees Lan');
    const stored = async () => (await stack.deps.awareness.list('rejoin')).find((s) => s.clientID === lanId);
    const oldOwner = (await stored())!.owner;

    // Her page reconnects, and the old connection's $disconnect is handled before the new one announces.
    lan.provider.disconnect();
    await waitFor(async () => (await stored()) === undefined, 'the old connection released her presence');
    await waitFor(() => nameOf(hung, lanId) === undefined, 'Hùng saw her leave');
    const back = Date.now();
    lan.provider.connect();
    await waitFor(() => nameOf(hung, lanId) === 'Chị Lan', 'Hùng sees Lan again', 3_000);
    expect(Date.now() - back).toBeLessThan(3_000); // not her next renewal, 15 s later
    const now = await stored();
    expect(now?.owner).toBeDefined();
    expect(now?.owner).not.toBe(oldOwner);
    expect(JSON.parse(now!.state)).toEqual({ user: { name: 'Chị Lan' } });
    // A newcomer is told she is there, and her edits still arrive.
    const minh = client('rejoin', view);
    await synced(minh);
    await waitFor(() => nameOf(minh, lanId) === 'Chị Lan', 'a newcomer sees Lan');
    notes(lan.doc).set('after-reconnect', 'Họp lúc 8 giờ');
    await waitFor(() => notes(hung.doc).get('after-reconnect') === 'Họp lúc 8 giờ', 'her edit after the reconnect arrives');
  });

  it('another holder sending an old state of her client id is answered with the stored one and changes nothing', async () => {
    const stack = sync.stack();
    const { edit, view } = tokensFor(stack, 'old-state');
    const lan = client('old-state', edit);
    lan.provider.awareness.setLocalStateField('user', { name: 'Chị Lan' });
    lan.provider.awareness.setLocalStateField('user', { name: 'Chị Lan (Văn phòng)' });
    await synced(lan);
    const hung = client('old-state', view);
    await synced(hung);
    const lanId = lan.doc.clientID;
    await waitFor(() => nameOf(hung, lanId) === 'Chị Lan (Văn phòng)', 'Hùng sees Lan');
    await stack.gateway.idle();
    const before = (await stack.deps.awareness.list('old-state')).find((s) => s.clientID === lanId);
    const attacker = await rawSync(stack, 'old-state', view);
    attacker.socket.send(awarenessFrame([{ clientID: lanId, clock: 0, state: { user: { name: 'CHỦ TỊCH (giả mạo)' } } }]));
    await stack.gateway.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(nameOf(hung, lanId)).toBe('Chị Lan (Văn phòng)');
    expect((await stack.deps.awareness.list('old-state')).find((s) => s.clientID === lanId)).toEqual(before);
    // Lan's own next change still goes through.
    lan.provider.awareness.setLocalStateField('user', { name: 'Chị Lan (đã đổi)' });
    await waitFor(() => nameOf(hung, lanId) === 'Chị Lan (đã đổi)', 'Lan renames herself');
    attacker.socket.close();
  });
});
