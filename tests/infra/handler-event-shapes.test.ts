/**
 * The ws handler behaves the same on events captured from the local gateway and on the
 * documented API Gateway event shape, route by route: same results, same frames posted, same
 * DynamoDB content.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  createWsDeps,
  createWsHandler,
  keys,
  onAuthorize,
  ensureTable,
  openTable,
  syncStep1Message,
  updateMessage,
  type ConnectionPoster,
  type WebSocketEvent,
} from '@binhan/functions';
import { startEmbeddedDynamo, startLocalGateway, type EmbeddedDynamo } from '@binhan/local';
import { encodeBase64 } from '@binhan/transport';
import { waitFor } from '../helpers/sync-clients';
import { documentedAuthorizerRequest, documentedConnect, documentedDisconnect, documentedMessage } from '../helpers/apigw-websocket-events';
import { notes } from '../helpers/board-notes';

const SECRET = 'event-shape-secret-event-shape-secret-xx';
const board = 'shapes';

let tableCount = 0;
async function freshHandler(engine: EmbeddedDynamo) {
  const table = openTable({ tableName: `shapes${tableCount++}`, endpoint: engine.endpoint });
  await ensureTable(table);
  const posted: { to: string; frame: string }[] = [];
  const poster: ConnectionPoster = {
    async post(to, frame) {
      posted.push({ to, frame });
    },
    async disconnect() {},
  };
  const deps = createWsDeps({ table, syncTokenSecret: SECRET, posterFor: () => poster });
  return { table, deps, posted, handler: createWsHandler(deps) };
}

async function outcome(h: Awaited<ReturnType<typeof freshHandler>>) {
  const { update } = await h.deps.updates.loadMerged(board);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return {
    content: notes(doc).toJSON(),
    connections: (await h.deps.connections.listBoard(board)).map((c) => ({ id: c.connectionId, right: c.right })),
    posted: h.posted,
  };
}

describe('ws handler on captured vs documented events', () => {
  let engine: EmbeddedDynamo;
  const captured: WebSocketEvent[] = [];
  let token = '';
  let edit: Uint8Array;

  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    // Capture the events the local gateway produces for a real socket session.
    const real = await freshHandler(engine);
    token = real.deps.tokens.issue({ boardId: board, right: 'edit', ttlSeconds: 3600 });
    const gateway = await startLocalGateway({
      port: 0,
      handlers: (management) => {
        const handler = createWsHandler({ ...real.deps, posterFor: () => management });
        return {
          ws: async (event) => {
            captured.push(structuredClone(event));
            return handler(event);
          },
          http: async () => ({ statusCode: 404, body: '', headers: {}, isBase64Encoded: false }),
        };
      },
    });
    const socket = new WebSocket(`${gateway.wsUrl}/sync?board=${board}&token=${token}`);
    await new Promise((r) => socket.once('open', r));
    const doc = new Y.Doc();
    notes(doc).set('nominee', 'Ông Nguyễn Văn A');
    edit = Y.encodeStateAsUpdate(doc);
    socket.send(encodeBase64(updateMessage(edit)));
    await waitFor(() => captured.length === 2, 'message captured');
    await gateway.idle();
    socket.close(1000);
    await waitFor(() => captured.length === 3, 'disconnect captured');
    await gateway.idle();
    await gateway.close();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('captured the three routes with the documented core fields', () => {
    expect(captured.map((e) => [e.requestContext.routeKey, e.requestContext.eventType])).toEqual([
      ['$connect', 'CONNECT'],
      ['$default', 'MESSAGE'],
      ['$disconnect', 'DISCONNECT'],
    ]);
    const ids = new Set(captured.map((e) => e.requestContext.connectionId));
    expect(ids.size).toBe(1);
    expect(captured[0]!.queryStringParameters).toMatchObject({ board, token });
    expect(typeof captured[1]!.body).toBe('string');
    expect(captured.every((e) => e.isBase64Encoded === false && e.requestContext.stage && e.requestContext.domainName)).toBe(true);
  });

  it('gives the same results, posts and storage for both shapes on every route', async () => {
    const id = 'conn-A';
    const observer = 'conn-B';
    const run = async (shape: 'captured' | 'documented') => {
      const h = await freshHandler(engine);
      // A second connection that watches what the first one's edit fans out.
      await h.handler(documentedConnect(observer, { board, token }));
      const evs: WebSocketEvent[] =
        shape === 'captured'
          ? captured.map((e) => ({ ...e, requestContext: { ...e.requestContext, connectionId: id } }))
          : [
              documentedConnect(id, { board, token }),
              documentedMessage(id, captured[1]!.body!),
              documentedDisconnect(id),
            ];
      const results = [];
      for (const e of evs) {
        results.push((await h.handler(e)).statusCode);
        if (e.requestContext.routeKey === '$default') {
          // and a sync step 1 from the observer: it must be answered from storage
          await h.handler(documentedMessage(observer, encodeBase64(syncStep1Message(new Uint8Array([0])))));
        }
      }
      return { results, ...(await outcome(h)) };
    };
    const a = await run('captured');
    const b = await run('documented');
    expect(a.results).toEqual([200, 200, 200]);
    expect(b.results).toEqual(a.results);
    expect(a.content).toEqual({ nominee: 'Ông Nguyễn Văn A' });
    expect(b.content).toEqual(a.content);
    expect(b.connections).toEqual(a.connections);
    expect(a.connections).toEqual([{ id: observer, right: 'edit' }]);
    expect(b.posted.map((p) => p.to)).toEqual(a.posted.map((p) => p.to));
    expect(b.posted.map((p) => p.frame)).toEqual(a.posted.map((p) => p.frame));
    expect(a.posted.some((p) => p.to === observer && p.frame === encodeBase64(updateMessage(edit)))).toBe(true);
  });

  it('authorizes $connect on the documented authorizer event, and a $default carrying its context is handled without reading the connection', async () => {
    const h = await freshHandler(engine);
    // A good token: Allow on the route's methodArn, and the identity as string context values.
    const good = documentedAuthorizerRequest('conn-C', { board, token, name: '  Chị Lan\u0007 ' });
    const allowed = await onAuthorize(h.deps, good);
    expect(allowed.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: good.methodArn }]);
    expect(allowed.context).toMatchObject({ boardId: board, right: 'edit', role: 'editor', declaredName: 'Chị Lan' });
    expect(Object.values(allowed.context!).every((v) => typeof v === 'string')).toBe(true);
    // Another board's token is denied (403); no token at all is 'Unauthorized' (401).
    const denied = await onAuthorize(h.deps, documentedAuthorizerRequest('conn-D', { board: 'another-board', token }));
    expect(denied.policyDocument.Statement[0]!.Effect).toBe('Deny');
    expect(denied.context).toBeUndefined();
    await expect(onAuthorize(h.deps, documentedAuthorizerRequest('conn-E', { board }))).rejects.toThrow('Unauthorized');

    // API Gateway hands the context (with the principalId) to $connect and to every later event.
    const authorizer = { ...allowed.context, principalId: allowed.principalId, integrationLatency: 41 };
    const connect = documentedConnect('conn-C', { board, token: 'not-read-again' });
    expect((await h.handler({ ...connect, requestContext: { ...connect.requestContext, authorizer } })).statusCode).toBe(200);
    expect(await h.deps.connections.get('conn-C')).toMatchObject({ boardId: board, right: 'edit', declaredName: 'Chị Lan' });
    const doc = h.deps.connections as unknown as { table: { doc: { send: (...a: unknown[]) => Promise<unknown> } } };
    const send = doc.table.doc.send.bind(doc.table.doc);
    let connectionReads = 0;
    doc.table.doc.send = (command: unknown, ...rest: unknown[]) => {
      if (command instanceof GetCommand && String(command.input.Key?.pk).startsWith(keys.connection(''))) connectionReads++;
      return send(command, ...rest);
    };
    const other = new Y.Doc();
    notes(other).set('from-context', 'Đã duyệt');
    const message = documentedMessage('conn-C-fresh', encodeBase64(updateMessage(Y.encodeStateAsUpdate(other))), authorizer);
    expect((await h.handler(message)).statusCode).toBe(200);
    expect(connectionReads).toBe(0);
    expect((await outcome(h)).content).toMatchObject({ 'from-context': 'Đã duyệt' });
    // A context that does not parse (here: a role no one has) is not trusted: the record is read,
    // and a connection with no record is closed and stores nothing.
    const forgedRole = documentedMessage('conn-F', encodeBase64(updateMessage(Y.encodeStateAsUpdate(other))), { ...authorizer, role: 'superuser' });
    expect((await h.handler(forgedRole)).statusCode).toBe(410);
    expect(connectionReads).toBe(1);
    doc.table.doc.send = send;
  });
});
