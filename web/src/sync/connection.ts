/**
 * The page's live board: one Y.Doc, the stock y-websocket WebsocketProvider through the
 * project's base64 WebSocketPolyfill, offline persistence (edit links) and read-only guards
 * (view links).
 *
 * Status shown to people: connecting → syncing → online; offline once a connection was lost
 * (or the browser reports no network). Local edits made while offline stay in the doc (and in
 * IndexedDB) and reach the server with y-websocket's resync when the connection returns.
 *
 * View links: cross-tab BroadcastChannel is off, the provider's update sender is detached (a
 * local write never leaves the page) and any local write, e.g. typed in the console, makes the
 * page drop its doc and load the board again from the server. The server refuses writes of a
 * view token anyway (y-protocols auth permission-denied).
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createSignal, type Accessor } from 'solid-js';
import { createWebSocketPolyfill, type PolyfillClass } from '@binhan/transport';
import type { AppConfig } from '../config';
import { CACHE_ORIGIN, createDocCache, type DocCache } from './persistence';
import { withUndone, type UndoneChange } from './undone';
import { sendOwnAwarenessOnly } from './awareness-echo';

export type Status = 'connecting' | 'syncing' | 'online' | 'offline' | 'closed';

/**
 * Why the page stopped connecting for good: the link was revoked, has expired, the person's
 * access was removed, the board archived, the session ended. Shown instead of the board.
 */
export type ClosedKind = 'revoked' | 'expired' | 'access-removed' | 'archived' | 'signed-out';

export interface Closed {
  kind: ClosedKind;
  /** The close code from the server (4401, 4403), or 0 when the page found out over HTTP. */
  code: number;
}

/**
 * Where a fresh token comes from when the socket is refused or closed with 4401/4403:
 * - `{ ok: true, token }`: connect again with it (the same token when the link is still good);
 * - `{ ok: false, closed }`: stop, and tell the person why;
 * - `null`: unknown (no network, a server error): keep y-websocket's own retrying.
 */
export type Renewal = { ok: true; token: string } | { ok: false; closed: Closed } | null;

export interface ConnectOptions {
  renew?: () => Promise<Renewal>;
}

export interface ServerProblem {
  code: string;
  message: string;
}

export interface Connection {
  readonly config: AppConfig;
  readonly canEdit: boolean;
  /** The current doc (a view page replaces it after a refused local write). */
  readonly doc: Accessor<Y.Doc>;
  readonly provider: Accessor<WebsocketProvider>;
  readonly status: Accessor<Status>;
  /** The doc holds the server's state (received at least once since it was made). */
  readonly synced: Accessor<boolean>;
  /** The doc was filled from this machine's cache before the server answered. */
  readonly fromCache: Accessor<boolean>;
  /** Local edits made while not connected, not yet sent. */
  readonly unsent: Accessor<boolean>;
  /** Writes refused (permission-denied from the server, or a local write on a view page). */
  readonly refused: Accessor<number>;
  readonly serverProblem: Accessor<ServerProblem | null>;
  /**
   * Changes of this page the server undid (its control frame "undone"), newest last, until
   * dismissed. The compensating update that restored the values has reached the doc by then
   * (the server sends it first); the page shows the values from the doc.
   */
  readonly undone: Accessor<UndoneChange[]>;
  dismissUndone(id: number): void;
  /** Set when the page stopped connecting for good (revoked link, access removed…). */
  readonly closed: Accessor<Closed | null>;
  /** The token the provider connects with now. */
  readonly token: () => string;
  /**
   * Uses a new token of the same right from now on: the open socket is replaced by one with
   * the new token (a token renewed before its expiry), without showing "offline".
   */
  replaceToken(token: string): void;
  /**
   * The name the person typed (presence dialog), sent as `name` with each connect so that the
   * server keeps it on the connection record for the audit (self-declared). A change reconnects
   * quietly, like a new token.
   */
  setDeclaredName(name: string): void;
  /** Marks every local write; the undo of a delete and the cache use it. */
  readonly localOrigin: unknown;
  destroy(): void;
}

/** Set by bench/browser.ts before the page loads: arrival times of sync messages. */
interface PerfHook {
  lastMessageAt?: number;
  arrivals?: number[];
}

/** A polyfill that notes the arrival time of each message when a bench asked for it. */
function instrumented(Base: PolyfillClass): PolyfillClass {
  const hook = (globalThis as { __binhanPerf?: PerfHook }).__binhanPerf;
  if (!hook) return Base;
  const h: PerfHook = hook;
  return class extends Base {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      let handler: ((e: { data: ArrayBuffer }) => void) | null = null;
      const wrapped = (e: { data: ArrayBuffer }) => {
        const at = performance.now();
        h.lastMessageAt = at;
        (h.arrivals ??= []).push(at);
        if (h.arrivals.length > 1000) h.arrivals.splice(0, 500);
        handler?.(e);
      };
      Object.defineProperty(this, 'onmessage', {
        configurable: true,
        get: () => (handler ? wrapped : null),
        set: (h: typeof handler) => {
          handler = h;
        },
      });
    }
  };
}

/** Refusals of the HTTP API, as a reason to stop connecting. */
export function closedFromHttp(status: number, code: string | undefined, signedIn: boolean): Closed | null {
  if (code === 'archived') return { kind: 'archived', code: 0 };
  if (code === 'revoked') return { kind: signedIn ? 'access-removed' : 'revoked', code: 0 };
  if (status === 401) return { kind: signedIn ? 'signed-out' : 'expired', code: 0 };
  if (status === 403 || status === 404) return { kind: signedIn ? 'access-removed' : 'revoked', code: 0 };
  return null;
}

/** A link's own check: is it still good? (GET the board with it as a Bearer token.) */
export function linkRenewal(config: AppConfig): () => Promise<Renewal> {
  return async () => {
    try {
      const res = await fetch(`${config.httpUrl}/api/boards/${encodeURIComponent(config.boardId)}/dashboard`, {
        headers: { authorization: `Bearer ${config.token}` },
        credentials: 'omit',
      });
      if (res.ok) return { ok: true, token: config.token };
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      const closed = closedFromHttp(res.status, body?.error?.code, false);
      return closed ? { ok: false, closed } : null;
    } catch {
      return null;
    }
  };
}

/** Where the presence dialog keeps the person's name (presence/presence.ts writes it). */
export const DECLARED_NAME_KEY = 'binhan:name';

function savedDeclaredName(): string {
  try {
    return (localStorage.getItem(DECLARED_NAME_KEY) ?? '').trim().slice(0, 60);
  } catch {
    return '';
  }
}

export async function connect(config: AppConfig, options: ConnectOptions = {}): Promise<Connection> {
  const canEdit = config.tokenInfo.right === 'edit';
  const localOrigin = Symbol('binhan:local');
  const [status, setStatus] = createSignal<Status>('connecting');
  const [synced, setSynced] = createSignal(false);
  const [fromCache, setFromCache] = createSignal(false);
  const [unsent, setUnsent] = createSignal(false);
  const [refused, setRefused] = createSignal(0);
  const [serverProblem, setServerProblem] = createSignal<ServerProblem | null>(null);
  const [undone, setUndone] = createSignal<UndoneChange[]>([]);
  let undoneSeq = 0;
  const [closed, setClosed] = createSignal<Closed | null>(null);
  const renew = options.renew ?? linkRenewal(config);
  let token = config.token;
  let declaredName = savedDeclaredName();
  /** A deliberate reconnect (new token): not shown as offline. */
  let swapping = false;

  const Polyfill = instrumented(
    createWebSocketPolyfill({
      onServerError: (e) => {
        if (e.code === 'retry') return;
        if (e.code === 'undone') {
          // Not a connection problem: the change was kept and put back; say so beside the board.
          const entries = Array.isArray(e.entries) ? e.entries.filter((x): x is string => typeof x === 'string') : [];
          const reason = typeof e.message === 'string' ? e.message : '';
          setUndone((l) => withUndone(l, { id: ++undoneSeq, reason, entries, at: Date.now() }));
          return;
        }
        setServerProblem(e);
      },
    }),
  );

  const cache: DocCache | null = canEdit ? createDocCache(`${config.wsUrl}|${config.boardId}`) : null;
  let everConnected = false;
  let providerNow: WebsocketProvider | null = null;
  let stopCache: (() => void) | null = null;

  function makeProvider(doc: Y.Doc): WebsocketProvider {
    const provider = new WebsocketProvider(config.wsUrl, config.boardId, doc, {
      params: declaredName ? { token, name: declaredName } : { token },
      WebSocketPolyfill: Polyfill as unknown as typeof WebSocket,
      disableBc: true,
      maxBackoffTime: 2500,
      connect: navigator.onLine !== false,
    });
    sendOwnAwarenessOnly(provider);
    // Count permission-denied answers on edit pages (y-websocket only logs them). A view page
    // is denied by design whenever y-websocket answers the server's sync step 1 (even with an
    // empty update), so there only the page's own guard below counts refused writes.
    const authHandler = provider.messageHandlers[2];
    provider.messageHandlers[2] = (encoder, decoder, p, emitSynced, type) => {
      if (canEdit) setRefused((n) => n + 1);
      else return; // expected; do not log a warning for it
      authHandler?.(encoder, decoder, p, emitSynced, type);
    };
    if (!canEdit) {
      // A view page never sends document updates (the server would refuse them anyway).
      const sender = (provider as unknown as { _updateHandler?: (u: Uint8Array, o: unknown) => void })._updateHandler;
      if (sender) doc.off('update', sender);
    }
    provider.on('status', ({ status: s }) => {
      if (closed()) return;
      if (s === 'connected') {
        everConnected = true;
        failures = 0;
        swapping = false;
        setServerProblem(null);
        setStatus(provider.synced ? 'online' : 'syncing');
      } else if (s === 'disconnected') {
        if (!swapping) setStatus('offline');
      } else if (!everConnected) setStatus('connecting');
    });
    // The server closed with 4400–4499 (y-websocket stops reconnecting): 4403 revoked / access
    // changed, 4401 unknown or expired connection. Ask for a fresh token, or stop and say why.
    provider.on('closed', ({ code }) => {
      if (provider !== providerNow) return;
      void check(provider, code);
    });
    // A refused $connect (HTTP 401/403) reaches the page as a plain close (1006): after a few
    // in a row, find out over HTTP whether the link or the access is gone.
    provider.on('connection-close', (event) => {
      if (provider !== providerNow || event === null || closed()) return;
      if (swapping) {
        swapping = false;
        setStatus('offline');
      }
      if (event.code >= 4400 && event.code < 4500) return;
      failures++;
      if (failures >= 2 && Date.now() - lastProbe > 8000 && navigator.onLine !== false) {
        lastProbe = Date.now();
        void check(provider, 0);
      }
    });
    provider.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      if (!performance.getEntriesByName('binhan:synced').length) performance.mark('binhan:synced');
      setSynced(true);
      if (provider.wsconnected) setStatus('online');
      // Our answer to the server's sync step 1 (what it lacks) leaves right after this.
      setTimeout(() => {
        if (provider.wsconnected) setUnsent(false);
      }, 300);
    });
    return provider;
  }

  let failures = 0;
  let lastProbe = 0;
  let checking = false;
  async function check(provider: WebsocketProvider, code: number): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const r = await renew();
      if (provider !== providerNow || closed()) return;
      if (r && r.ok) {
        token = r.token;
        provider.params['token'] = token;
        if (code) provider.connect(); // after a 44xx close y-websocket waits for this
      } else if (r) {
        stop({ ...r.closed, code: code || r.closed.code });
      } else if (code) {
        // Could not ask: the server's word stands.
        stop({ kind: code === 4401 ? (options.renew ? 'signed-out' : 'expired') : options.renew ? 'access-removed' : 'revoked', code });
      }
    } finally {
      checking = false;
    }
  }

  function stop(why: Closed): void {
    setClosed(why);
    setStatus('closed');
    live.disconnect();
    void cache?.flush();
  }

  function watchDoc(doc: Y.Doc): void {
    doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === CACHE_ORIGIN || (providerNow !== null && origin === providerNow)) return;
      if (!canEdit) {
        // A write on a view page (the console, an extension): drop it and reload from the server.
        setRefused((n) => n + 1);
        queueMicrotask(resetDoc);
        return;
      }
      if (!providerNow?.wsconnected) setUnsent(true);
    });
  }

  let docNow = new Y.Doc();
  watchDoc(docNow);
  if (cache) {
    if (await cache.load(docNow)) setFromCache(true);
    stopCache = cache.track(docNow, (origin) => origin !== CACHE_ORIGIN && origin !== providerNow);
  }
  let live = makeProvider(docNow);
  providerNow = live;
  const [doc, setDoc] = createSignal(docNow, { equals: false });
  const [provider, setProvider] = createSignal(live, { equals: false });

  let resetting = false;
  function resetDoc(): void {
    if (resetting) return;
    resetting = true;
    const old = docNow;
    const localState = live.awareness.getLocalState();
    live.destroy();
    docNow = new Y.Doc();
    watchDoc(docNow);
    live = makeProvider(docNow);
    providerNow = live;
    if (localState) live.awareness.setLocalState(localState);
    setSynced(false);
    setDoc(docNow);
    setProvider(live);
    old.destroy();
    resetting = false;
  }

  const onOffline = () => {
    live.disconnect();
    if (!closed()) setStatus('offline');
  };
  const onOnline = () => {
    if (!closed()) live.connect();
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') void cache?.flush();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', onHidden);
  if (navigator.onLine === false) setStatus('offline');

  return {
    config,
    canEdit,
    doc,
    provider,
    status,
    synced,
    fromCache,
    unsent,
    refused,
    serverProblem,
    undone,
    dismissUndone(id) {
      setUndone((l) => l.filter((u) => u.id !== id));
    },
    closed,
    token: () => token,
    replaceToken(next) {
      if (closed() || next === token) return;
      token = next;
      live.params['token'] = next;
      if (live.wsconnected) {
        swapping = true;
        live.disconnect();
        live.connect();
      }
    },
    setDeclaredName(next) {
      const v = next.trim().slice(0, 60);
      if (closed() || v === declaredName) return;
      declaredName = v;
      if (v) live.params['name'] = v;
      else delete live.params['name'];
      if (live.wsconnected) {
        swapping = true;
        live.disconnect();
        live.connect();
      }
    },
    localOrigin,
    destroy() {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onHidden);
      stopCache?.();
      live.destroy();
      docNow.destroy();
    },
  };
}
