/**
 * Sending to WebSocket connections: API Gateway's management API (postToConnection,
 * deleteConnection) on AWS, the local gateway's in-process equivalent locally.
 */
import { encodeControl, encodeMessage, SERVER_MAX_FRAME_CHARS, type ControlFrame } from '@binhan/transport';

/** A post to a connection that no longer exists (API Gateway answers 410 Gone). */
export class GoneConnectionError extends Error {
  constructor(readonly connectionId: string) {
    super(`Connection ${connectionId} is gone (410)`);
    this.name = 'GoneConnectionError';
  }
}

export interface ConnectionPoster {
  /** Posts one text frame. Rejects with GoneConnectionError when the connection is gone. */
  post(connectionId: string, frame: string): Promise<void>;
  /** Closes a connection (deleteConnection). */
  disconnect(connectionId: string): Promise<void>;
}

/** Sends one y-websocket message, split into fragments when it exceeds a post. */
export async function sendMessage(poster: ConnectionPoster, connectionId: string, message: Uint8Array): Promise<void> {
  for (const frame of encodeMessage(message, SERVER_MAX_FRAME_CHARS)) await poster.post(connectionId, frame);
}

export async function sendFrames(poster: ConnectionPoster, connectionId: string, frames: string[]): Promise<void> {
  for (const frame of frames) await poster.post(connectionId, frame);
}

export async function sendControl(poster: ConnectionPoster, connectionId: string, control: ControlFrame): Promise<void> {
  await poster.post(connectionId, encodeControl(control));
}

/** Sends a y-websocket message to a connection that may be gone meanwhile (then there is nobody to tell). */
export async function sendMessageIfStillConnected(poster: ConnectionPoster, connectionId: string, message: Uint8Array): Promise<void> {
  await sendMessage(poster, connectionId, message).catch((error: unknown) => {
    if (!(error instanceof GoneConnectionError)) throw error;
  });
}

/**
 * Sends a control frame to a connection that may already be gone (or go while we post): a
 * failed post is ignored, as there is no one left to tell and nothing else depends on it.
 */
export async function tellIfStillConnected(poster: ConnectionPoster, connectionId: string, control: ControlFrame): Promise<void> {
  await sendControl(poster, connectionId, control).catch(noOneLeftToTell);
}

/**
 * Closes a connection with `code`: announces the close code in a control frame (API Gateway
 * cannot choose one; the polyfill closes with it), then deletes the connection. Both steps are
 * best effort: a connection already gone is what was wanted, and its $disconnect cleans up.
 */
export async function closeConnection(poster: ConnectionPoster, connectionId: string, code: number, reason: string): Promise<void> {
  await tellIfStillConnected(poster, connectionId, { type: 'close', code, reason });
  await poster.disconnect(connectionId).catch(noOneLeftToTell);
}

function noOneLeftToTell(): void {}
