/**
 * The text-frame codec of the sync transport.
 *
 * API Gateway WebSocket APIs accept text frames only, so every y-websocket message travels as
 * base64 text. A frame is one of:
 *  - `<base64>`                             a whole y-protocols message;
 *  - `~<msgId>.<index>.<count>.<base64>`    one fragment of a message too large for one frame;
 *  - `{...}`                                a JSON control frame from the server (an error, or a
 *                                           close with a code), never passed to y-websocket.
 * `~` and `{` are outside the base64 alphabet, so the first character tells the kind.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';

/** API Gateway's frame limit is 32 KB; what the browser sends stays under it. */
export const CLIENT_MAX_FRAME_CHARS = 32 * 1024;
/** postToConnection accepts 128 KB; the server leaves room below it. */
export const SERVER_MAX_FRAME_CHARS = 120 * 1024;
/** A joined message may not exceed this many bytes (protects memory and storage). */
export const MAX_JOINED_MESSAGE_BYTES = 16 * 1024 * 1024;
/** A message split into more fragments than this is refused. */
export const MAX_FRAGMENTS = Math.ceil((MAX_JOINED_MESSAGE_BYTES * 4) / 3 / 1024) + 1;

export type ControlFrame =
  /** `entries` names what a refused write touched ("cards.n1", "facts.funds"), for code "undone". */
  | { type: 'error'; code: string; message: string; entries?: string[] }
  | { type: 'close'; code: number; reason: string };

export type DecodedFrame =
  | { kind: 'message'; bytes: Uint8Array }
  | { kind: 'fragment'; msgId: string; index: number; count: number; data: string }
  | { kind: 'control'; control: ControlFrame };

export class FrameError extends Error {
  constructor(
    readonly code: 'bad-base64' | 'bad-fragment' | 'bad-control' | 'empty-frame' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const FRAGMENT = /^~([A-Za-z0-9_-]{1,64})\.(\d{1,7})\.(\d{1,7})\.([A-Za-z0-9+/=]*)$/;

/** Strict base64 decoding: the platform decoders silently skip characters that do not belong. */
export function decodeBase64(text: string): Uint8Array {
  if (!BASE64.test(text)) {
    throw new FrameError('bad-base64', 'The frame is not valid base64: send each y-websocket message as base64 text.');
  }
  return fromBase64(text);
}

export function encodeBase64(bytes: Uint8Array): string {
  return toBase64(bytes);
}

let fragmentCounter = 0;
function newMessageId(): string {
  fragmentCounter = (fragmentCounter + 1) % 1_000_000;
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${fragmentCounter.toString(36)}`;
}

/**
 * Encodes one message as one or more text frames of at most `maxFrameChars` characters. The
 * fragments' message id is made only when the message is split (`msgId` if given).
 */
export function encodeMessage(bytes: Uint8Array, maxFrameChars: number, givenMsgId?: string): string[] {
  const text = toBase64(bytes);
  if (text.length <= maxFrameChars) return [text];
  const msgId = givenMsgId ?? newMessageId();
  const header = `~${msgId}.0000000.0000000.`.length;
  // Keep each chunk a multiple of 4 so every fragment is itself valid base64.
  const chunk = Math.floor((maxFrameChars - header) / 4) * 4;
  if (chunk <= 0) throw new RangeError(`maxFrameChars ${maxFrameChars} leaves no room for data`);
  const count = Math.ceil(text.length / chunk);
  const frames: string[] = [];
  for (let i = 0; i < count; i++) {
    frames.push(`~${msgId}.${i}.${count}.${text.slice(i * chunk, (i + 1) * chunk)}`);
  }
  return frames;
}

export function encodeControl(control: ControlFrame): string {
  return JSON.stringify(control);
}

/** Classifies and decodes one text frame. Throws FrameError with a message that says what to send. */
export function decodeFrame(text: string): DecodedFrame {
  if (text.length === 0) throw new FrameError('empty-frame', 'Empty frame: send a base64-encoded y-websocket message.');
  const first = text.charCodeAt(0);
  if (first === 0x7e /* ~ */) {
    const m = FRAGMENT.exec(text);
    if (!m) {
      throw new FrameError('bad-fragment', 'Malformed fragment: expected "~<msgId>.<index>.<count>.<base64>".');
    }
    const index = Number(m[2]);
    const count = Number(m[3]);
    if (count < 2 || index >= count || count > MAX_FRAGMENTS) {
      throw new FrameError('bad-fragment', `Fragment ${index} of ${count} is out of range (2..${MAX_FRAGMENTS} fragments).`);
    }
    return { kind: 'fragment', msgId: m[1]!, index, count, data: m[4]! };
  }
  if (first === 0x7b /* { */) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new FrameError('bad-control', 'Malformed control frame: not JSON.');
    }
    if (isControlFrame(parsed)) return { kind: 'control', control: parsed };
    throw new FrameError('bad-control', 'Unknown control frame.');
  }
  return { kind: 'message', bytes: decodeBase64(text) };
}

function isControlFrame(value: unknown): value is ControlFrame {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.type === 'error') return typeof v.code === 'string' && typeof v.message === 'string';
  if (v.type === 'close') return typeof v.code === 'number' && typeof v.reason === 'string';
  return false;
}

/** Joins fragments in memory (the client side; the stateless server joins them in storage). */
export class FragmentJoiner {
  private readonly pending = new Map<string, { count: number; parts: (string | undefined)[]; got: number; chars: number }>();

  /** Returns the whole message once its last fragment arrives, otherwise null. */
  add(fragment: Extract<DecodedFrame, { kind: 'fragment' }>): Uint8Array | null {
    let entry = this.pending.get(fragment.msgId);
    if (!entry) {
      entry = { count: fragment.count, parts: new Array(fragment.count), got: 0, chars: 0 };
      this.pending.set(fragment.msgId, entry);
    }
    if (entry.count !== fragment.count) {
      this.pending.delete(fragment.msgId);
      throw new FrameError('bad-fragment', `Fragments of message ${fragment.msgId} disagree on their count.`);
    }
    if (entry.parts[fragment.index] === undefined) {
      entry.parts[fragment.index] = fragment.data;
      entry.got++;
      entry.chars += fragment.data.length;
    }
    if ((entry.chars * 3) / 4 > MAX_JOINED_MESSAGE_BYTES) {
      this.pending.delete(fragment.msgId);
      throw new FrameError('too-large', `Message ${fragment.msgId} exceeds ${MAX_JOINED_MESSAGE_BYTES} bytes.`);
    }
    if (entry.got < entry.count) return null;
    this.pending.delete(fragment.msgId);
    return decodeBase64(entry.parts.join(''));
  }

  clear(): void {
    this.pending.clear();
  }
}
