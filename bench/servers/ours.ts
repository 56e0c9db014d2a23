/**
 * Ours: the local gateway with the real handlers and the embedded DynamoDB engine (dynalite, in
 * memory, called in process). Clients are the stock y-websocket WebsocketProvider through our
 * base64 polyfill.
 *
 * `oursWithAwsLatency` is the same stack with the latencies AWS documents added where AWS has
 * them (aws-latency.ts), so the edit→peer figure shows how many of them are in series.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStackOptions } from '@binhan/local';
import { EditPathTracer } from '../edit-trace';
import { describeCommand, OpProfiler } from '../profiler';
import { ourConnector } from './our-connector';
import type { BenchServer, RunningServer } from './types';
import { addAwsLatency, AWS_LATENCY, awsLatencyOptions, type AwsLatency } from './aws-latency';

async function startOurs(options: Partial<LocalStackOptions>, latency?: AwsLatency): Promise<RunningServer> {
  const errors: string[] = [];
  const stack = await startLocalStack({
    port: 0,
    host: '127.0.0.1',
    syncTokenSecret: 'bench-secret-'.padEnd(40, 'x'),
    reportError: (error, context) => errors.push(`${context}: ${String(error)}`),
    ...(latency ? awsLatencyOptions(latency) : {}),
    ...options,
  });
  // Added below the profiler and tracer (wrapped next), so their timings include it.
  if (latency) addAwsLatency(stack, latency);
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

/**
 * The `npm start` engine (dynalite on disk, a fresh temporary folder) with the server in this
 * process: traced like `ours`, so the breakdown shows what the disk adds to the edit path.
 */
export const oursOnDisk: BenchServer = {
  name: 'ours (gateway + handlers + dynalite on disk, in process)',
  start: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'binhan-bench-disk-'));
    const running = await startOurs({ dataDir });
    return {
      ...running,
      close: async () => {
        await running.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** The AWS-latency scenario: `audience` 'query' is the AWS path (a DynamoDB Query per fan-out). */
export function oursWithAwsLatency(audience: 'query' | 'gateway', latency: AwsLatency = AWS_LATENCY): BenchServer {
  return {
    name: `ours + AWS latencies (DynamoDB ${latency.dbMs} ms/call, post ${latency.postMs} ms, invocation ${latency.invokeMs} ms), audience: ${audience}`,
    start: () => startOurs({ audience }, latency),
  };
}
