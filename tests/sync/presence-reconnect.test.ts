/**
 * A tab that reconnects keeps its presence. Its new connection announces the tab's awareness
 * client id while the old connection's record still exists (its $disconnect comes later). That
 * announcement used to be dropped ('same-holder'), so the state stayed owned by the old
 * connection, and the old connection's $disconnect then removed the tab's presence for everyone
 * until its next renewal, 15 s later (seen in tests/browser/board.test.ts: a staff member who
 * had just chosen her name — the page reconnects with it — was missing from a colleague's
 * presence). What is tried, on both engines: the same holder's new connection takes the id
 * over; the old connection's release then removes nothing and everyone still lists the tab; a
 * connection of ANOTHER holder still may not take a live id ('not-yours'); and once taken over,
 * the old connection's late messages change nothing.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwarenessStates, decodeAwarenessUpdate, type AnnounceRules, type OwnerStatus, type Table } from '@binhan/functions';
import { engineStarters, freshTable, type Engine } from '../helpers/dynamo-engines';
import { requireTool } from '../helpers/tools';

const rules = (status: OwnerStatus): AnnounceRules => ({ claim: async () => true, ownerStatus: async () => status });

for (const starter of engineStarters) {
  describe.skipIf(!requireTool(starter.tool, starter.available))(`a reconnecting tab keeps its presence, on ${starter.name}`, () => {
    let engine: Engine;
    let table: Table;
    beforeAll(async () => {
      engine = await starter.start();
      table = await freshTable(engine);
    });
    afterAll(async () => {
      table?.raw.destroy();
      await engine?.stop();
    });

    const tab = (name: string) => {
      const doc = new Y.Doc();
      const awareness = new Awareness(doc);
      awareness.setLocalStateField('user', { name });
      return { awareness, entries: () => decodeAwarenessUpdate(encodeAwarenessUpdate(awareness, [doc.clientID])), clientID: doc.clientID };
    };
    const present = async (states: AwarenessStates, board: string) =>
      (await states.list(board)).map((s) => ({ clientID: s.clientID, owner: s.owner, name: (JSON.parse(s.state) as { user?: { name?: string } }).user?.name }));

    it('the same holder\'s new connection takes the id over; the old connection\'s $disconnect then removes nothing', async () => {
      const states = new AwarenessStates(table);
      const lan = tab('Chị Lan');
      expect((await states.announce('b1', 'conn-old', lan.entries(), rules('gone'))).accepted).toHaveLength(1);
      // The page reconnects (with her chosen name): the new connection re-announces, the old one's record still exists.
      lan.awareness.setLocalStateField('user', { name: 'Chị Lan (Văn phòng)' });
      const taken = await new AwarenessStates(table).announce('b1', 'conn-new', lan.entries(), rules('same-holder'));
      expect(taken).toEqual({ accepted: [expect.objectContaining({ clientID: lan.clientID })], notYours: [], overLimit: [] });
      // The old connection's $disconnect, late.
      expect(await new AwarenessStates(table).release('b1', 'conn-old')).toEqual([]);
      expect(await present(new AwarenessStates(table), 'b1')).toEqual([{ clientID: lan.clientID, owner: 'conn-new', name: 'Chị Lan (Văn phòng)' }]);
      // A late message of the old connection (a higher clock) no longer changes her presence.
      lan.awareness.setLocalStateField('user', { name: 'spoofed by the old socket' });
      const late = await new AwarenessStates(table).announce('b1', 'conn-old', lan.entries(), rules('same-holder'));
      expect(late.accepted).toHaveLength(1); // the same holder: its latest connection wins, as a reconnect would
      await new AwarenessStates(table).release('b1', 'conn-new'); // …and the newest's leaving removes it
      expect(await present(new AwarenessStates(table), 'b1')).toEqual([{ clientID: lan.clientID, owner: 'conn-old', name: 'spoofed by the old socket' }]);
    });

    it('another holder still may not take a live id over', async () => {
      const states = new AwarenessStates(table);
      const minh = tab('Anh Minh');
      await states.announce('b2', 'conn-minh', minh.entries(), rules('gone'));
      minh.awareness.setLocalStateField('user', { name: 'Kẻ mạo danh' });
      const spoof = await new AwarenessStates(table).announce('b2', 'conn-attacker', minh.entries(), rules('other-holder'));
      expect(spoof).toEqual({ accepted: [], notYours: [minh.clientID], overLimit: [] });
      expect(await present(new AwarenessStates(table), 'b2')).toEqual([{ clientID: minh.clientID, owner: 'conn-minh', name: 'Anh Minh' }]);
    });
  });
}
