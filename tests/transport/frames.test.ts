/** The text-frame codec: what goes on the wire between the polyfill and the gateway. */
import { describe, expect, it } from 'vitest';
import {
  CLIENT_MAX_FRAME_CHARS,
  decodeFrame,
  encodeMessage,
  FragmentJoiner,
  FrameError,
  toGatewayUrl,
} from '@binhan/transport';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) % 256);

describe('frames', () => {
  it('sends a small message as one base64 text frame', () => {
    const frames = encodeMessage(new Uint8Array([0, 0, 1, 0]), CLIENT_MAX_FRAME_CHARS);
    expect(frames).toEqual(['AAABAA==']);
    expect(decodeFrame(frames[0]!)).toEqual({ kind: 'message', bytes: new Uint8Array([0, 0, 1, 0]) });
  });

  it('splits a message over the frame limit into fragments no longer than the limit, and joins them in any order', () => {
    const message = bytes(100_000);
    const frames = encodeMessage(message, CLIENT_MAX_FRAME_CHARS, 'm1');
    expect(frames.length).toBe(5);
    for (const f of frames) expect(f.length).toBeLessThanOrEqual(CLIENT_MAX_FRAME_CHARS);
    const joiner = new FragmentJoiner();
    const shuffled = [frames[3]!, frames[0]!, frames[4]!, frames[1]!, frames[2]!];
    const results = shuffled.map((f) => {
      const d = decodeFrame(f);
      if (d.kind !== 'fragment') throw new Error('expected a fragment');
      return joiner.add(d);
    });
    expect(results.slice(0, 4)).toEqual([null, null, null, null]);
    expect(results[4]).toEqual(message);
  });

  it('refuses what is not base64, a malformed fragment, and an unknown control frame, saying what to send', () => {
    expect(() => decodeFrame('not base64 at all')).toThrow(FrameError);
    expect(() => decodeFrame('QUJD!')).toThrow(/not valid base64/);
    expect(() => decodeFrame('~x.3.2.AAAA')).toThrow(/out of range/);
    expect(() => decodeFrame('~bad')).toThrow(/Malformed fragment/);
    expect(() => decodeFrame('{"type":"dance"}')).toThrow(/Unknown control frame/);
    expect(() => decodeFrame('')).toThrow(/Empty frame/);
  });

  it('passes server control frames through as controls', () => {
    expect(decodeFrame('{"type":"close","code":4403,"reason":"revoked"}')).toEqual({
      kind: 'control',
      control: { type: 'close', code: 4403, reason: 'revoked' },
    });
  });

  it('moves the y-websocket room into the query string, where API Gateway can read it', () => {
    expect(toGatewayUrl('wss://abc.execute-api.aws/prod/sync/binh-an-27?token=t1')).toBe(
      'wss://abc.execute-api.aws/prod/sync?token=t1&board=binh-an-27',
    );
    expect(toGatewayUrl('ws://localhost:8787/sync/b%C3%ACnh?token=t')).toBe('ws://localhost:8787/sync?token=t&board=b%C3%ACnh');
  });
});
