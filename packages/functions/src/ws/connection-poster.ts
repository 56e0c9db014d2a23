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
