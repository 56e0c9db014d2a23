/**
 * Close frames a browser accepts: the WebSocket API throws on a reason over 123 UTF-8 bytes
 * ("The close reason must not be greater than 123 UTF-8 bytes") and on a code outside 1000 and
 * 3000–4999. What was tried: the server's long Vietnamese refusal as a close reason, and codes a
 * forged server frame could carry.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, createWebSocketPolyfill, encodeControl, fitCloseReason, MAX_CLOSE_REASON_BYTES, type TextSocket } from '@binhan/transport';

const bytes = (s: string) => new TextEncoder().encode(s).byteLength;
const LONG_VI = 'Bản bảng của bạn lệch với máy chủ (có thể một thay đổi trước đó đã bị từ chối); hãy tải lại bảng / Your copy of the board is out of step';

describe('close reasons and codes', () => {
  it('cuts a reason to 123 UTF-8 bytes, never inside a character', () => {
    expect(bytes(LONG_VI)).toBeGreaterThan(MAX_CLOSE_REASON_BYTES);
    const cut = fitCloseReason(LONG_VI);
    expect(bytes(cut)).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    expect(cut.endsWith('...')).toBe(true);
    expect(LONG_VI.startsWith(cut.slice(0, -3))).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    expect(fitCloseReason('ngắn')).toBe('ngắn');
  });

  it('closes the browser socket with a reason and code the browser accepts, whatever the server frame says', () => {
    const closes: Array<[number | undefined, string | undefined]> = [];
    class FakeSocket implements TextSocket {
      readyState = 1;
      onopen = null;
      onmessage: TextSocket['onmessage'] = null;
      onerror = null;
      onclose = null;
      constructor(readonly url: string) {}
      send() {}
      close(code?: number, reason?: string) {
        // What a browser checks before it sends the close frame.
        if (reason !== undefined && bytes(reason) > 123) throw new Error('The close reason must not be greater than 123 UTF-8 bytes.');
        if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) throw new Error(`The code must be either 1000, or between 3000 and 4999. ${code} is neither.`);
        closes.push([code, reason]);
      }
    }
    const Polyfill = createWebSocketPolyfill({ WebSocket: FakeSocket as unknown as never, onServerError: () => {} });
    for (const code of [CLOSE_CODES.resync, 4403, 1005, 2000]) {
      const ws = new Polyfill('ws://localhost/sync/b?token=t');
      const inner = (ws as unknown as { socket: FakeSocket }).socket;
      expect(() => inner.onmessage!({ data: encodeControl({ type: 'close', code, reason: LONG_VI }) })).not.toThrow();
      ws.close(4000, LONG_VI);
    }
    expect(closes.map(([c]) => c)).toEqual([4100, 4000, 4403, 4000, 1000, 4000, 1000, 4000]);
    expect(closes.every(([, r]) => bytes(r ?? '') <= 123)).toBe(true);
  });
});
