/**
 * Close codes the server announces before it drops a socket (API Gateway cannot choose a close
 * code, so a control frame `{"type":"close","code":…,"reason":…}` names it), and the limit on a
 * close reason: the WebSocket API refuses reasons over 123 UTF-8 bytes.
 *
 * The stock y-websocket client stops reconnecting on 4400–4499 and reconnects on anything else,
 * so "reconnect and resynchronise" must use a code outside that range.
 */
export const CLOSE_CODES = {
  /** The connection is unknown to the server or its token expired: get a fresh link or token. */
  unknownConnection: 4401,
  /** The link was revoked, the member removed, the board archived: stop. */
  revoked: 4403,
  /** The client's update builds on state the server lacks: reconnect, the resync sends it all. */
  resync: 4100,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Most bytes a WebSocket close reason may have (RFC 6455: 125-byte control payload − 2-byte code). */
export const MAX_CLOSE_REASON_BYTES = 123;

/** `reason` cut to at most `max` UTF-8 bytes, never inside a character. */
export function fitCloseReason(reason: string, max = MAX_CLOSE_REASON_BYTES): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).byteLength <= max) return reason;
  let out = '';
  let bytes = 0;
  for (const ch of reason) {
    const n = encoder.encode(ch).byteLength;
    if (bytes + n > max - 3) break; // room for "..."
    out += ch;
    bytes += n;
  }
  return `${out}...`;
}
