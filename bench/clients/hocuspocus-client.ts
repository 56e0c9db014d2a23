/**
 * A minimal Hocuspocus client (`@hocuspocus/provider` is not installed): y-protocols sync and
 * awareness in Hocuspocus's framing, read from node_modules/@hocuspocus/server/src
 * (IncomingMessage, OutgoingMessage, MessageReceiver, ClientConnection):
 *   message = varString documentName, varUint type, payload
 *   types: 0 Sync, 1 Awareness, 2 Auth, 3 QueryAwareness, 4 SyncReply, 8 SyncStatus
 * It authenticates first (Auth/Token; the server has no onAuthenticate hook, so any token
 * passes), then sends sync step 1 and its awareness, like HocuspocusProvider does. Updates of
 * the local doc go out as sync updates; the server's step 2 marks it synced.
 */
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import type { BenchClient } from '../servers/types';

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_QUERY_AWARENESS = 3;
const MSG_SYNC_REPLY = 4;
const AUTH_TOKEN = 0;
const REMOTE = Symbol('remote');

export function connectHocuspocus(url: string, documentName: string, doc: Y.Doc, token = 'bench'): BenchClient {
  const socket = new WebSocket(url);
  const awareness = new awarenessProtocol.Awareness(doc);
  let synced = false;
  let resolveSynced!: () => void;
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));

  const message = (type: number, write: (e: encoding.Encoder) => void): Uint8Array => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentName);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  const send = (bytes: Uint8Array) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(bytes);
  };
  const sendAwareness = (clients: number[]) =>
    send(message(MSG_AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))));

  const onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    send(message(MSG_SYNC, (e) => syncProtocol.writeUpdate(e, update)));
  };
  const onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === REMOTE) return;
    sendAwareness(added.concat(updated, removed));
  };
  doc.on('update', onDocUpdate);
  awareness.on('update', onAwarenessUpdate);

  socket.on('open', () => {
    send(message(MSG_AUTH, (e) => {
      encoding.writeVarUint(e, AUTH_TOKEN);
      encoding.writeVarString(e, token);
    }));
    send(message(MSG_SYNC, (e) => syncProtocol.writeSyncStep1(e, doc)));
    if (awareness.getLocalState() !== null) sendAwareness([doc.clientID]);
  });
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    decoding.readVarString(decoder); // document name (one document per socket here)
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MSG_SYNC:
      case MSG_SYNC_REPLY: {
        const encoder = encoding.createEncoder();
        encoding.writeVarString(encoder, documentName);
        encoding.writeVarUint(encoder, MSG_SYNC);
        const before = encoding.length(encoder);
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, doc, REMOTE);
        if (encoding.length(encoder) > before) send(encoding.toUint8Array(encoder));
        if (syncType === syncProtocol.messageYjsSyncStep2 && !synced) {
          synced = true;
          resolveSynced();
        }
        break;
      }
      case MSG_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), REMOTE);
        break;
      case MSG_QUERY_AWARENESS:
        sendAwareness([...awareness.getStates().keys()]);
        break;
      default:
        break; // Auth (authenticated), SyncStatus (saved), Stateless: nothing to do here
    }
  });
  socket.on('error', () => {
    /* 'close' follows */
  });

  let destroyed = false;
  return {
    doc,
    isSynced: () => synced,
    whenSynced: () => syncedPromise,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      doc.off('update', onDocUpdate);
      awareness.off('update', onAwarenessUpdate);
      awareness.destroy();
      socket.terminate();
      doc.destroy();
    },
  };
}
