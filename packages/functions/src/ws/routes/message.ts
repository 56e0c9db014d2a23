/**
 * $default: one text frame from a client. Decodes the frame (joining fragments through
 * storage), then acts on the y-websocket message:
 *  - sync step 1 → sync step 2 from storage, our own step 1 (to learn what we lack), and the
 *    awareness of everyone else on the board;
 *  - sync step 2 / update → dropped whole for view rights (auth permission-denied); checked
 *    against the role and the typed values on the board doc (ws/board-docs/write-check.ts, the write
 *    policy in @binhan/core/policy); what may not be written is undone by a server update,
 *    stored together with the client's (never dropped: the client's clock stays whole), THEN
 *    fanned out, THEN the author is told (permission-denied), THEN audited, then counted
 *    toward compaction;
 *  - awareness → kept per client id (owned by the connection that first announced it) and relayed;
 *  - query-awareness → everyone else's awareness.
 * Per-connection limits (ws/connection-limits.ts: rates, client ids, state size, pending
 * fragments; no fragments from view links) are checked before anything is stored.
 * Bad input gets an error control frame and changes nothing.
 */
import * as Y from 'yjs';
import { auditEntriesFrom, REFUSALS } from '@binhan/core';
import { CLOSE_CODES, decodeBase64, decodeFrame, fitCloseReason, FrameError, MAX_JOINED_MESSAGE_BYTES } from '@binhan/transport';
import { compactionChance, logDueForCompaction } from '../../storage/compaction-policy';
import type { AudienceMember, ConnectionRecord } from '../../storage/connections';
import { FragmentError } from '../../storage/fragments';
import { awaitedLater } from '../../util/promises';
import type { DecodedUpdate } from '../board-docs/update-dependencies';
import { encodeAwarenessUpdate, type AwarenessEntry } from '../awareness-codec';
import { broadcast, broadcastFrames, framesOf } from '../broadcast';
import { closeConnection, sendMessage, sendMessageIfStillConnected, tellIfStillConnected, type ConnectionPoster } from '../../sockets/connection-poster';
import { recordFromEvent } from '../connection-identity';
import { reportError, type WsDeps } from '../deps';
import type { WebSocketEvent, WebSocketResult } from '../events';
import {
  awarenessMessage,
  isEmptyUpdate,
  parseClientMessage,
  peekFrameKind,
  permissionDeniedMessage,
  type PeekedKind,
  ProtocolError,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
  type ClientMessage,
} from '../protocol';

const OK: WebSocketResult = { statusCode: 200 };

/**
 * Who sent the message: from the authorizer context the event carries (no storage read), else
 * from the connection record. Null when the connection is unknown or its token has expired.
 */
async function connectionOf(deps: WsDeps, event: WebSocketEvent): Promise<ConnectionRecord | null> {
  const fromEvent = recordFromEvent(event, (deps.clock ?? Date.now)());
  if (fromEvent === 'expired') return null;
  return fromEvent ?? deps.connections.get(event.requestContext.connectionId);
}

/** A message past one of the connection's limits (ws/connection-limits.ts). */
class LimitError extends Error {
  constructor(
    readonly code: 'fragments-not-allowed' | 'fragment-limit',
    message: string,
  ) {
    super(message);
  }
}

/** The refusals of the rate limits (ws/connection-limits.ts), one wording wherever they are checked. */
const rateRefusals = (limits: WsDeps['limits']) => ({
  awareness: `Too many awareness messages: at most ${limits.awarenessBurst} at once and ${limits.awarenessPerSecond} per second on one connection. This one was not relayed.`,
  query: `Too many query-awareness messages: at most ${limits.queryAwarenessBurst} at once and ${limits.queryAwarenessPerSecond} per second on one connection.`,
  sync: `Too many sync requests: at most ${limits.queryAwarenessBurst} at once and ${limits.queryAwarenessPerSecond} per second on one connection. Reconnect later.`,
});

/**
 * How one message is answered when it is not taken: its sender's connection, and the poster that
 * reaches it. (Methods, not closures made for each message: the edit path runs once per edit.)
 */
class Answers {
  constructor(
    private readonly deps: WsDeps,
    private readonly poster: ConnectionPoster,
    private readonly connectionId: string,
  ) {}

  /** A refusal past a per-connection limit: its error frame at most once per few seconds. */
  async refuse(code: string, message: string): Promise<WebSocketResult> {
    if (this.deps.allowances.shouldNotify(this.connectionId, code)) await tellIfStillConnected(this.poster, this.connectionId, { type: 'error', code, message });
    return { statusCode: 429, body: message };
  }

  /** A message that is not valid: its error frame, every time. */
  async reject(code: string, message: string): Promise<WebSocketResult> {
    await tellIfStillConnected(this.poster, this.connectionId, { type: 'error', code, message });
    return { statusCode: 400, body: message };
  }

  takeAwareness(): Promise<boolean> {
    const limits = this.deps.limits;
    return this.deps.allowances.take(this.connectionId, 'awareness', limits.awarenessPerSecond, limits.awarenessBurst);
  }

  takeQuery(): Promise<boolean> {
    const limits = this.deps.limits;
    return this.deps.allowances.take(this.connectionId, 'query', limits.queryAwarenessPerSecond, limits.queryAwarenessBurst);
  }
}

export async function onMessage(deps: WsDeps, event: WebSocketEvent): Promise<WebSocketResult> {
  const connectionId = event.requestContext.connectionId;
  const poster = deps.posterFor(event);
  const limits = deps.limits;
  const answers = new Answers(deps, poster, connectionId);
  // A flood past a rate this process knows to be spent is refused first: from the frame's first
  // characters, before any read, decoding, lock or storage work (a flood costs the others nothing).
  const kind = peekFrameKind(event.isBase64Encoded ? '' : (event.body ?? ''));
  const early = spentRate(deps, connectionId, kind);
  if (early) return answers.refuse(early.code, early.message);
  const connection = await connectionOf(deps, event);
  if (!connection) {
    await closeConnection(poster, connectionId, CLOSE_CODES.unknownConnection, 'Unknown or expired connection: reconnect with a valid link.');
    return { statusCode: 410, body: 'unknown connection' };
  }
  // Awareness and query-awareness take their rate token before the message is decoded: the
  // messages of a flood wait their turn undecoded and are refused from memory once it is spent.
  let rateTaken = false;
  if (kind === 'awareness') {
    if (!(await answers.takeAwareness())) return answers.refuse('awareness-rate', rateRefusals(limits).awareness);
    rateTaken = true;
  } else if (kind === 'query-awareness') {
    if (!(await answers.takeQuery())) return answers.refuse('query-awareness-rate', rateRefusals(limits).query);
    rateTaken = true;
  }
  if (event.isBase64Encoded) return answers.reject('binary-frame', 'Binary frames are not accepted: send base64 text.');
  let bytes: Uint8Array | null;
  try {
    bytes = await readFrame(deps, connection, event.body ?? '');
  } catch (error) {
    if (error instanceof FrameError || error instanceof LimitError) return answers.reject(error.code, error.message);
    throw error;
  }
  if (!bytes) return OK; // a fragment of a message not complete yet
  let message: ClientMessage;
  try {
    message = parseClientMessage(bytes, { maxAwarenessEntries: limits.awarenessEntriesPerMessage });
  } catch (error) {
    if (error instanceof ProtocolError) return answers.reject(error.code, error.message);
    throw error;
  }
  switch (message.type) {
    case 'sync-step1': {
      // Answered with the whole board: counted with query-awareness (a client sends one per
      // connect). A bucket known empty refuses before the board is read; otherwise the count
      // and the read run together (the answer waits for both).
      const rate = [connectionId, 'query', limits.queryAwarenessPerSecond, limits.queryAwarenessBurst] as const;
      const refusal = rateRefusals(limits).sync;
      if (deps.allowances.knownEmpty(...rate)) return answers.refuse('sync-rate', refusal);
      const merged = awaitedLater(deps.updates.loadMerged(connection.boardId));
      if (!(await deps.allowances.take(...rate))) return answers.refuse('sync-rate', refusal);
      await answerSyncStep1(deps, poster, connection, message.stateVector, await merged);
      return OK;
    }
    case 'update':
      return acceptUpdate(deps, poster, connection, message.update, message.decoded, message.step);
    case 'awareness':
      if (!rateTaken && !(await answers.takeAwareness())) return answers.refuse('awareness-rate', rateRefusals(limits).awareness);
      return acceptAwareness(deps, poster, connection, message.entries, answers);
    case 'awareness-oversized':
      // Counted against the rate like any awareness message (so its error frames are bounded
      // too), then refused having read only its entry count.
      if (!rateTaken && !(await answers.takeAwareness())) return answers.refuse('awareness-rate', rateRefusals(limits).awareness);
      return answers.reject('awareness-too-many-entries', `An awareness message may carry at most ${limits.awarenessEntriesPerMessage} clients (this one had ${message.count}): nothing was stored.`);
    case 'query-awareness':
      if (!rateTaken && !(await answers.takeQuery())) return answers.refuse('query-awareness-rate', rateRefusals(limits).query);
      await sendOthersAwareness(deps, poster, connection);
      return OK;
    case 'auth':
      return OK;
  }
}

/**
 * The refusal of a message whose rate this process already knows to be spent (no I/O, no
 * decoding: ConnectionAllowances.knownEmpty and the frame's first characters), or null when
 * the full path must decide.
 */
function spentRate(deps: WsDeps, connectionId: string, kind: PeekedKind): { code: string; message: string } | null {
  if (kind === 'other') return null;
  const limits = deps.limits;
  const refusals = rateRefusals(limits);
  if (kind === 'awareness') {
    return deps.allowances.knownEmpty(connectionId, 'awareness', limits.awarenessPerSecond, limits.awarenessBurst) ? { code: 'awareness-rate', message: refusals.awareness } : null;
  }
  if (!deps.allowances.knownEmpty(connectionId, 'query', limits.queryAwarenessPerSecond, limits.queryAwarenessBurst)) return null;
  return kind === 'sync-step1' ? { code: 'sync-rate', message: refusals.sync } : { code: 'query-awareness-rate', message: refusals.query };
}

async function readFrame(deps: WsDeps, connection: ConnectionRecord, body: string): Promise<Uint8Array | null> {
  const frame = decodeFrame(body);
  if (frame.kind === 'message') return frame.bytes;
  if (frame.kind === 'control') throw new FrameError('bad-control', 'Clients may not send control frames.');
  const connectionId = connection.connectionId;
  // A view link sends only small messages (sync step 1, awareness): it may not store fragments.
  if (connection.right !== 'edit') {
    throw new LimitError('fragments-not-allowed', 'A read-only link may not send fragmented messages: nothing was stored.');
  }
  // Count the fragment against the connection's allowance BEFORE storing it.
  const limits = deps.limits;
  const maxChars = Math.ceil((limits.pendingFragmentBytes * 4) / 3);
  const reserved = await deps.allowances.reserveFragment(connectionId, frame.msgId, frame.data.length, maxChars, limits.pendingFragmentMessages);
  if (reserved === 'too-many-messages') {
    throw new LimitError('fragment-limit', `At most ${limits.pendingFragmentMessages} unfinished fragmented messages per connection: finish one first. This fragment was not stored.`);
  }
  if (reserved === 'too-many-bytes') {
    throw new LimitError('fragment-limit', `At most ${limits.pendingFragmentBytes} bytes of unfinished fragmented messages per connection: this fragment was not stored.`);
  }
  if (reserved === 'gone') throw new FrameError('bad-fragment', 'Unknown connection: reconnect.');
  let joined: string | null;
  try {
    joined = await deps.fragments.add(connectionId, frame.msgId, frame.index, frame.count, frame.data);
  } catch (error) {
    await deps.allowances.releaseFragment(connectionId, frame.msgId, frame.data.length, false);
    if (error instanceof FragmentError) throw new FrameError('bad-fragment', error.message);
    throw error;
  }
  if (joined === null) return null;
  await deps.allowances.releaseFragment(connectionId, frame.msgId, joined.length, true);
  if ((joined.length * 3) / 4 > MAX_JOINED_MESSAGE_BYTES) {
    throw new FrameError('too-large', `The joined message exceeds ${MAX_JOINED_MESSAGE_BYTES} bytes and was dropped.`);
  }
  return decodeBase64(joined);
}

/**
 * An awareness message (its rate token already taken, its entry count checked by the reader):
 * within the connection's state size and client-id limits, and only for client ids it owns
 * (see storage/awareness-states.ts). Stored entries are relayed; a refused message stores
 * nothing; a spoof stores nothing of the spoofed ids.
 */
async function acceptAwareness(
  deps: WsDeps,
  poster: ConnectionPoster,
  connection: ConnectionRecord,
  entries: AwarenessEntry[],
  answers: Answers,
): Promise<WebSocketResult> {
  const limits = deps.limits;
  const connectionId = connection.connectionId;
  const encoder = new TextEncoder();
  if (entries.some((e) => e.state.length > limits.awarenessStateBytes || encoder.encode(e.state).byteLength > limits.awarenessStateBytes)) {
    return answers.reject('awareness-too-large', `An awareness state may be at most ${limits.awarenessStateBytes} bytes: nothing was stored or relayed.`);
  }
  // One awareness message of a connection at a time in this process (a flood waits its turn).
  const result = await deps.allowances.inTurn(connectionId, 'awareness-message', async () => {
    const announced = await deps.awareness.announce(connection.boardId, connectionId, entries, {
      claim: (clientID) => deps.allowances.claimClientId(connectionId, clientID, limits.awarenessClientIds),
      claimsFull: () => deps.allowances.claimsFull(connectionId),
      ownerStatus: async (owner) => {
        const record = await deps.connections.get(owner);
        if (!record) return 'gone';
        return record.tokenId === connection.tokenId ? 'same-holder' : 'other-holder';
      },
    });
    // Only states newer than the stored ones go on: the echoes clients send of each other do not.
    if (announced.accepted.length > 0) {
      await broadcast(deps, poster, connection.boardId, awarenessMessage(encodeAwarenessUpdate(announced.accepted)), connectionId);
    }
    // States newer than the sender announced (a reconnecting tab's own, removed meanwhile): back
    // to the sender, whose y-protocols then re-announces its own state past them.
    if (announced.outdated.length > 0) {
      await sendMessageIfStillConnected(poster, connectionId, awarenessMessage(encodeAwarenessUpdate(announced.outdated)));
    }
    return announced;
  });
  if (result.notYours.length > 0) {
    return answers.refuse('awareness-not-yours', `Client ${result.notYours.join(', ')} belongs to another connection: its presence was not changed.`);
  }
  if (result.overLimit.length > 0) {
    return answers.refuse('awareness-too-many-client-ids', `One connection may announce at most ${limits.awarenessClientIds} awareness clients: client ${result.overLimit.slice(0, 5).join(', ')}${result.overLimit.length > 5 ? ', …' : ''} was not stored.`);
  }
  return OK;
}

async function answerSyncStep1(
  deps: WsDeps,
  poster: ConnectionPoster,
  connection: ConnectionRecord,
  stateVector: Uint8Array,
  { update, stored }: Awaited<ReturnType<WsDeps['updates']['loadMerged']>>,
): Promise<void> {
  const began = Date.now();
  const sent = Y.encodeStateVectorFromUpdate(update);
  await sendMessage(poster, connection.connectionId, syncStep2Message(Y.diffUpdate(update, stateVector)));
  await sendMessage(poster, connection.connectionId, syncStep1Message(sent));
  await sendOthersAwareness(deps, poster, connection);
  const log = { updates: stored.updates.length, bytes: stored.storedBytes - (stored.snapshot?.byteLength ?? 0), snapshotBytes: stored.snapshot?.byteLength ?? 0 };
  if (connection.right === 'edit' && logDueForCompaction(log, deps.compactEvery ?? 100)) {
    await compactQuietly(deps, connection.boardId);
  }
  await rereadAfterJoinWindow(deps, poster, connection, update, began);
}

/**
 * The newcomer's half of the join window (storage/connections.ts: JOIN_WINDOW_MS): once the
 * window has passed since its sync step 1 began, the board is read again and what was stored
 * meanwhile is sent — the updates whose writers read the audience before this connection's
 * record existed. Nothing is sent when nothing was missed. Not needed where the audience is read
 * after the write (joinRereadMs 0: the local gateway's own audience).
 */
async function rereadAfterJoinWindow(deps: WsDeps, poster: ConnectionPoster, connection: ConnectionRecord, loaded: Uint8Array, began: number): Promise<void> {
  const windowMs = deps.connections.joinRereadMs;
  if (windowMs <= 0) return;
  const wait = began + windowMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const { update } = await deps.updates.loadMerged(connection.boardId);
  const sent = Y.encodeStateVectorFromUpdate(loaded);
  // What is new since the first load: structs past its state vector, or deletions (a diff always
  // carries the whole delete set, so compare it with the first load's).
  const missed = Y.diffUpdate(update, sent);
  if (equalBytes(missed, Y.diffUpdate(loaded, sent))) return;
  await sendMessageIfStillConnected(poster, connection.connectionId, updateMessage(missed));
}

async function acceptUpdate(
  deps: WsDeps,
  poster: ConnectionPoster,
  connection: ConnectionRecord,
  update: Uint8Array,
  decoded: DecodedUpdate,
  step: 'sync-step2' | 'update',
): Promise<WebSocketResult> {
  // An empty update changes nothing (y-websocket answers our sync step 1 with one): no refusal needed.
  if (isEmptyUpdate(decoded)) return OK;
  if (connection.right !== 'edit' || connection.role === 'viewer') {
    // A viewer writes nothing at all: its update is dropped whole.
    await sendMessage(poster, connection.connectionId, permissionDeniedMessage(REFUSALS.readOnly().reason));
    return { statusCode: 403, body: 'read-only connection' };
  }
  // The role decides what may be written: what it may not write is undone by a server update.
  const actor = connection.subject || `token:${connection.tokenId}`;
  const check = await deps.boardDocs.checkWrite(connection.boardId, update, connection.role, actor, decoded);
  if (!check.ok) {
    const { refusal } = check;
    if (step === 'update') {
      // The update builds on state the server does not have: have the client reconnect, so its
      // sync step 2 carries everything it holds in one update (y-websocket reconnects on 4100).
      await closeConnection(poster, connection.connectionId, CLOSE_CODES.resync, fitCloseReason(refusal.en));
      return { statusCode: 409, body: refusal.code };
    }
    await sendMessage(poster, connection.connectionId, permissionDeniedMessage(refusal.reason));
    return { statusCode: 409, body: refusal.code };
  }
  // The client's structs are kept (its clock sequence stays whole); what it may not write is
  // undone by the compensation. Both are stored as ONE item and fanned out as one update, so
  // no peer ever shows the refused value.
  const stored = check.compensation ? Y.mergeUpdates([update, check.compensation]) : update;
  const acceptedAt = Date.now();
  // Durable first, and an audience that a client joining meanwhile cannot fall out of: either the
  // audience is read after the write (the gateway's own, in memory), or the Query runs alongside
  // the write and the join window covers the rest (storage/connections.ts: JOIN_WINDOW_MS; the
  // newcomer's re-read is in answerSyncStep1). Read in parallel with no window, a record written
  // between the Query and a slow PutItem, by a client that loaded before the PutItem landed, was
  // reached by neither path (tests/sync/join-during-write.test.ts).
  let audience: AudienceMember[];
  let frames: string[];
  try {
    const durable = deps.connections.writeThenAudience(connection.boardId, () => deps.updates.append(connection.boardId, stored));
    // The fan-out's frames are made while the write is in flight (it waits on the engine).
    frames = framesOf(updateMessage(stored));
    audience = await durable;
  } catch (error) {
    // The cached doc holds the update but storage may not: forget it.
    deps.boardDocs.evict(connection.boardId);
    throw error;
  }
  const others = audience.filter((c) => c.connectionId !== connection.connectionId);
  const fanOut = others.length > 0 ? broadcastFrames(deps, poster, frames, others) : Promise.resolve();
  if (check.compensation) {
    // The author's doc converges to the restored values too, and is told why.
    const reason = check.refusals.map((r) => r.reason).join(' | ');
    await sendMessage(poster, connection.connectionId, updateMessage(check.compensation));
    await sendMessage(poster, connection.connectionId, permissionDeniedMessage(reason));
    const entries = check.refusals.map((r) => r.entry).filter((e): e is string => e !== undefined);
    await tellIfStillConnected(poster, connection.connectionId, { type: 'error', code: 'undone', message: reason, entries });
  }
  await fanOut;
  // Durable and fanned out: now who did what.
  const entries = auditEntriesFrom(check.changes, {
    boardId: connection.boardId, actor, at: new Date(acceptedAt).toISOString(),
    ...(connection.declaredName ? { declaredName: connection.declaredName } : {}),
  });
  await deps.audit.record(entries).catch((error: unknown) => reportError(deps, error, `audit of ${connection.boardId}`));
  // Compaction decided by chance (storage/compaction-policy.ts: about when the log holds half the
  // state's bytes, between every `compactEvery` and every 10 × `compactEvery` updates): no
  // counter to write on every edit (one hot item per board), and a compaction that lost a race
  // is simply retried by a later update. Opening a board with a long tail compacts too
  // (answerSyncStep1).
  const chance = compactionChance(stored.byteLength, deps.boardDocs.stateBytes(connection.boardId), deps.compactEvery ?? 100);
  if ((deps.random ?? Math.random)() < chance) await compactQuietly(deps, connection.boardId);
  return check.refusals.length > 0 ? { statusCode: 403, body: check.refusals.map((r) => r.code).join(',') } : OK;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function sendOthersAwareness(deps: WsDeps, poster: ConnectionPoster, connection: ConnectionRecord): Promise<void> {
  const present = (await deps.awareness.list(connection.boardId)).filter((s) => s.owner !== connection.connectionId);
  if (present.length === 0) return;
  const entries: AwarenessEntry[] = present.map(({ clientID, clock, state }) => ({ clientID, clock, state }));
  await sendMessage(poster, connection.connectionId, awarenessMessage(encodeAwarenessUpdate(entries)));
}

async function compactQuietly(deps: WsDeps, boardId: string): Promise<void> {
  try {
    await deps.updates.compact(boardId);
  } catch (error) {
    reportError(deps, error, `compaction of ${boardId}`);
  }
}
