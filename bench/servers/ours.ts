/**
 * Ours: the local gateway with the real handlers and the embedded DynamoDB engine (dynalite, in
 * memory, called in process). Clients are the stock y-websocket WebsocketProvider through our
 * base64 polyfill.
 *
 * `oursWithAwsLatency` is the same stack with the latencies AWS documents added where AWS has
 * them (issue 12): every DynamoDB call waits `dbMs` (DynamoDB: single-digit ms), every
 * postToConnection `postMs` (~10 ms), every handler invocation `invokeMs` (API Gateway → Lambda,
 * warm), so the edit→peer figure shows how many of them are in series.
 */

import { startLocalStack, type LocalStackOptions } from '@binhan/local';
import { EditPathTracer } from '../edit-trace';
import { describeCommand, OpProfiler } from '../profiler';
import { ourConnector } from './our-connector';
import type { BenchServer, RunningServer } from './types';
import { sleepPrecisely } from '../util';

export interface AwsLatency {
  dbMs: number;
  postMs: number;
  invokeMs: number;
}

/** The figures used for the AWS-latency scenario (README: where each comes from). */
export const AWS_LATENCY: AwsLatency = { dbMs: 6, postMs: 10, invokeMs: 3 };

async function startOurs(options: Partial<LocalStackOptions>, latency?: AwsLatency): Promise<RunningServer> {
  const errors: string[] = [];
  const stack = await startLocalStack({
    port: 0,
    host: '127.0.0.1',
    syncTokenSecret: 'bench-secret-'.padEnd(40, 'x'),
    reportError: (error, context) => errors.push(`${context}: ${String(error)}`),
    // Every invocation (the $connect authorizer, $connect, each $default, $disconnect) pays Lambda's overhead.
    ...(latency ? { beforeInvocation: () => sleepPrecisely(latency.invokeMs) } : {}),
    ...options,
  });
  if (latency) {
    // Added below the profiler and tracer (wrapped next), so their timings include it.
    const doc = stack.table.doc as unknown as { send: (...args: unknown[]) => Promise<unknown> };
    const send = doc.send.bind(doc);
    doc.send = async (...args: unknown[]) => {
      await sleepPrecisely(latency.dbMs);
      return send(...args);
    };
    const management = stack.gateway.management;
    const post = management.post.bind(management);
    management.post = async (connectionId, frame) => {
      await sleepPrecisely(latency.postMs);
      return post(connectionId, frame);
    };
  }
  const profiler = new OpProfiler();
  profiler.wrap(stack.table.doc, 'send', describeCommand);
  profiler.wrap(stack.gateway.management, 'post', () => 'post (gateway → socket)');
  const tracer = new EditPathTracer(stack);
  const url = `ws://127.0.0.1:${stack.gateway.port}/sync`;
  return {
    stack,
    updates: stack.updates,
    profiler,
    tracer,
    connect: ourConnector(url, stack.tokens, errors),
    settle: () => stack.gateway.idle(),
    serverErrors: () => errors,
    close: () => stack.close(),
  };
}

export const ours: BenchServer = {
  name: 'ours (gateway + handlers + dynalite in memory, in process)',
  start: () => startOurs({}),
};

/** The AWS-latency scenario: `audience` 'query' is the AWS path (a DynamoDB Query per fan-out). */
export function oursWithAwsLatency(audience: 'query' | 'gateway', latency: AwsLatency = AWS_LATENCY): BenchServer {
  return {
    name: `ours + AWS latencies (DynamoDB ${latency.dbMs} ms/call, post ${latency.postMs} ms, invocation ${latency.invokeMs} ms), audience: ${audience}`,
    start: () => startOurs({ audience }, latency),
  };
}
