/**
 * What one WebSocket connection may send, in one place (README "Limits per connection").
 * Each limit is enforced by the $default handler with state kept in DynamoDB (on the
 * connection's record), so it holds across stateless handler instances on AWS; an in-process
 * cache only saves reads. Past a limit the client gets an error control frame
 * `{"type":"error","code":…,"message":…}` and nothing of the refused message is stored.
 */
export interface ConnectionLimits {
  /** Yjs client ids one connection may announce on its board (a browser tab has one doc). */
  awarenessClientIds: number;
  /** Largest awareness state (its JSON text, UTF-8 bytes) of one client. */
  awarenessStateBytes: number;
  /** Entries in one awareness message (a client echoes everyone it sees: allow a full board). */
  awarenessEntriesPerMessage: number;
  /** Token bucket for awareness messages: sustained rate and burst. */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** Token bucket for query-awareness messages (each is answered with every state on the board). */
  queryAwarenessPerSecond: number;
  queryAwarenessBurst: number;
  /** Fragments of unfinished messages a connection may have stored: total bytes (decoded) … */
  pendingFragmentBytes: number;
  /** … and distinct message ids. View connections may not send fragments at all. */
  pendingFragmentMessages: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  awarenessClientIds: 4,
  awarenessStateBytes: 4 * 1024,
  awarenessEntriesPerMessage: 200,
  awarenessPerSecond: 10,
  awarenessBurst: 20,
  queryAwarenessPerSecond: 0.2,
  queryAwarenessBurst: 5,
  pendingFragmentBytes: 16 * 1024 * 1024,
  pendingFragmentMessages: 4,
};

const ENV_NAMES: Record<keyof ConnectionLimits, string> = {
  awarenessClientIds: 'WS_LIMIT_AWARENESS_CLIENT_IDS',
  awarenessStateBytes: 'WS_LIMIT_AWARENESS_STATE_BYTES',
  awarenessEntriesPerMessage: 'WS_LIMIT_AWARENESS_ENTRIES',
  awarenessPerSecond: 'WS_LIMIT_AWARENESS_PER_SECOND',
  awarenessBurst: 'WS_LIMIT_AWARENESS_BURST',
  queryAwarenessPerSecond: 'WS_LIMIT_QUERY_AWARENESS_PER_SECOND',
  queryAwarenessBurst: 'WS_LIMIT_QUERY_AWARENESS_BURST',
  pendingFragmentBytes: 'WS_LIMIT_PENDING_FRAGMENT_BYTES',
  pendingFragmentMessages: 'WS_LIMIT_PENDING_FRAGMENT_MESSAGES',
};

/** The defaults, overridden by `overrides`, then by WS_LIMIT_* environment variables (positive numbers). */
export function connectionLimits(overrides: Partial<ConnectionLimits> = {}, env: Record<string, string | undefined> = {}): ConnectionLimits {
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...overrides };
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof ConnectionLimits, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}".`);
    limits[key] = value;
  }
  return limits;
}

export { ENV_NAMES as CONNECTION_LIMIT_ENV };
