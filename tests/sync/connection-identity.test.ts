/**
 * Who a connection is comes from its token, checked once at $connect by the authorizer, and
 * travels with every later event as the authorizer context (ws/connection-identity.ts) — as on
 * AWS, where API Gateway adds it to each $default. So an edit's hot path reads no connection
 * record (issue 12: one write and one read, the audience Query, on the AWS path). What is tried,
 * with stock y-websocket clients on the AWS path (audience read by a DynamoDB Query):
 *  - 20 edits of one client and the connects of three: no connection record is read, every
 *    edit reaches the peer and is stored;
 *  - a view link whose URL also says role=admin, right=edit, subject, tokenId and another board:
 *    it is recorded as the viewer its token names, its edit is refused and not stored, and it
 *    keeps receiving its colleague's later edits;
 *  - the identity read from a context is kept only for a frozen context (the local gateway's, the
 *    same object on every event of a connection): read once, it still says 'expired' once its
 *    token expires; a context that is not frozen (AWS's, parsed afresh for each event) is read
 *    each time, so a changed one is not answered from an old reading; a malformed frozen one
 *    stays refused.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { authorizerContextOf, identityOf, keys, recordFromEvent, type WebSocketEvent } from '@binhan/functions';
import { notes } from '../helpers/board-notes';
import { useSyncStack } from '../helpers/stack-hooks';
import { storedDoc, synced, tokensFor, waitFor } from '../helpers/sync-clients';

describe('the connection identity travels with its events', () => {
  const sync = useSyncStack({ audience: 'query' });

  /** Counts the GetItems of connection records from now on. */
  function countConnectionReads(): { reads: () => number; stop: () => void } {
    const doc = sync.stack().table.doc as unknown as { send: (...args: unknown[]) => Promise<unknown> };
    const send = doc.send.bind(doc);
    let reads = 0;
    doc.send = (command: unknown, ...rest: unknown[]) => {
      if (command instanceof GetCommand && String(command.input.Key?.pk).startsWith(keys.connection(''))) reads++;
      return send(command, ...rest);
    };
    return { reads: () => reads, stop: () => void (doc.send = send) };
  }

  it('an edit reads no connection record: 20 edits reach the peer and storage with none read', async () => {
    const stack = sync.stack();
    const { edit, view } = tokensFor(stack, 'identity-hot');
    const counter = countConnectionReads();
    const lan = sync.client('identity-hot', edit);
    const hung = sync.client('identity-hot', view);
    const minh = sync.client('identity-hot', edit);
    await Promise.all([synced(lan), synced(hung), synced(minh)]);
    for (let i = 0; i < 20; i++) {
      notes(lan.doc).set(`line-${i}`, `Mục ${i}: chuẩn bị hội trường`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => Object.keys(notes(hung.doc).toJSON()).length === 20 && Object.keys(notes(minh.doc).toJSON()).length === 20, 'both peers have the 20 edits');
    await stack.gateway.idle();
    expect(Object.keys(notes(await storedDoc(stack, 'identity-hot')).toJSON())).toHaveLength(20);
    expect(counter.reads()).toBe(0);
    counter.stop();
  });

  it('a view link cannot name another role, right, subject, token or board in its URL: it stays the viewer its token says', async () => {
    const stack = sync.stack();
    const { edit, view } = tokensFor(stack, 'identity-lies');
    const lan = sync.client('identity-lies', edit);
    await synced(lan);
    const lies = { role: 'admin', right: 'edit', subject: 'Chủ tịch UBND', tokenId: 'admin-token', boardId: 'another-board', declaredName: 'Chủ tịch' };
    const district = sync.client('identity-lies', view, lies);
    await synced(district);
    const records = await stack.deps.connections.listBoard('identity-lies');
    const theirs = records.filter((r) => r.subject === 'district');
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ role: 'viewer', right: 'view', boardId: 'identity-lies' });
    expect(records.some((r) => r.role === 'admin' || r.tokenId === 'admin-token')).toBe(false);
    // Its edit is refused and not stored; the staff member's later edit still reaches it.
    notes(district.doc).set('approved', 'awarded');
    await waitFor(() => district.permissionDenied.length > 0, 'the view link is told its edit was refused');
    notes(lan.doc).set('after', 'Họp lúc 14 giờ');
    await waitFor(() => notes(district.doc).get('after') === 'Họp lúc 14 giờ', 'the view link still receives edits');
    await stack.gateway.idle();
    const stored = notes(await storedDoc(stack, 'identity-lies'));
    expect(stored.get('approved')).toBeUndefined();
    expect(stored.get('after')).toBe('Họp lúc 14 giờ');
  });
});

describe('the identity read from an authorizer context', () => {
  const identity = { boardId: 'binh-an-27', right: 'edit' as const, role: 'editor' as const, subject: 'chi-lan', tokenId: 't-lan', tokenExpiresAt: 2_000_000_000 };
  const eventWith = (authorizer: Record<string, unknown>): WebSocketEvent => ({
    requestContext: { routeKey: '$default', eventType: 'MESSAGE', connectionId: 'c-lan', domainName: 'localhost', stage: 'local', authorizer, connectedAt: 1 },
    body: 'AAA=',
    isBase64Encoded: false,
  });

  it('is read once from a frozen context, and still expires with its token', () => {
    const event = eventWith(Object.freeze({ ...authorizerContextOf(identity), principalId: 'chi-lan' }));
    const first = identityOf(event);
    expect(first).toEqual(identity);
    expect(identityOf(event)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // Expiry is checked on every message, not when the identity was first read.
    expect(recordFromEvent(event, identity.tokenExpiresAt * 1000 - 1)).toMatchObject({ connectionId: 'c-lan', role: 'editor', right: 'edit' });
    expect(recordFromEvent(event, identity.tokenExpiresAt * 1000)).toBe('expired');
  });

  it('is read afresh from a context that is not frozen (as AWS parses each event): a changed context is not answered from an old reading', () => {
    const context: Record<string, unknown> = { ...authorizerContextOf(identity), principalId: 'chi-lan' };
    const event = eventWith(context);
    expect(identityOf(event)?.role).toBe('editor');
    context.role = 'viewer';
    context.right = 'view';
    expect(identityOf(event)).toMatchObject({ role: 'viewer', right: 'view' });
    context.right = 'owner';
    expect(identityOf(event)).toBeNull();
  });

  it('stays refused for a malformed frozen context (a right that does not exist, an expiry that is not a number)', () => {
    for (const wrong of [{ right: 'owner' }, { tokenExpiresAt: 'soon' }, { boardId: '' }]) {
      const event = eventWith(Object.freeze({ ...authorizerContextOf(identity), ...wrong }));
      expect(identityOf(event)).toBeNull();
      expect(identityOf(event)).toBeNull();
      expect(recordFromEvent(event, 0)).toBeNull();
    }
  });
});
