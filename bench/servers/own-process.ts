/**
 * Ours in the `npm start` configuration: the server in a process of its own (own-process-child.ts),
 * the embedded engine on disk (a fresh temporary data folder), clients in the bench process over
 * real sockets. Storage is read back through the engine's HTTP port for the durability checks.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoardUpdates, openTable, SyncTokens } from '@binhan/functions';
import { AWS_LATENCY, type AwsLatency } from './aws-latency';
import { ourConnector } from './our-connector';
import type { BenchServer, RunningServer } from './types';
import { withTimeout } from '../util';

const here = dirname(fileURLToPath(import.meta.url));
const SECRET = 'bench-own-process-secret-'.padEnd(40, 'x');

export const oursOwnProcess: BenchServer = ownProcessServer('ours as npm start runs it (own process, dynalite on disk)', {});

/**
 * The same process with AWS's latencies added (aws-latency.ts) and the given audience: the
 * AWS-latency scenario with the server's CPU apart from the clients' (on AWS, Lambda's CPU is
 * not the browsers').
 */
export function ownProcessWithAwsLatency(audience: 'query' | 'gateway', latency: AwsLatency = AWS_LATENCY): BenchServer {
  return ownProcessServer(
    `npm-start + AWS latencies (DynamoDB ${latency.dbMs} ms/call, post ${latency.postMs} ms, invocation ${latency.invokeMs} ms), audience: ${audience}`,
    { BENCH_AWS_AUDIENCE: audience, BENCH_AWS_LATENCY: JSON.stringify(latency) },
  );
}

function ownProcessServer(name: string, env: Record<string, string>): BenchServer {
  return { name, start: () => startOwnProcess(env) };
}

async function startOwnProcess(extraEnv: Record<string, string>): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-bench-'));
  const child: ChildProcess = fork(join(here, 'own-process-child.ts'), [], {
    // BENCH_CHILD_CPU_PROFILE=<dir>: a CPU profile of the whole server process, written there when it exits.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CHILD_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHILD_CPU_PROFILE}`] : [])],
    env: { ...process.env, ...extraEnv, BENCH_DATA_DIR: dataDir, BENCH_SYNC_SECRET: SECRET, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await withTimeout(
    new Promise<{ port: number; engineUrl: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
      child.on('message', (m: { type?: string; port?: number; engineUrl?: string }) => {
        if (m.type === 'ready') resolve({ port: m.port!, engineUrl: m.engineUrl! });
      });
    }),
    60_000,
    'own-process server ready',
  );
  const table = openTable({ tableName: 'binh-an-board', endpoint: ready.engineUrl });
  const tokens = new SyncTokens(SECRET);
  const errors: string[] = [];
  const url = `ws://127.0.0.1:${ready.port}/sync`;
  return {
    updates: new BoardUpdates(table),
    connect: ourConnector(url, tokens, errors),
    settle: () =>
      withTimeout(
        new Promise<void>((resolve) => {
          const onMessage = (m: { type?: string }) => {
            if (m.type !== 'settled') return;
            child.off('message', onMessage);
            resolve();
          };
          child.on('message', onMessage);
          child.send({ type: 'settle' });
        }),
        120_000,
        'own-process server settled',
      ),
    serverErrors: () => errors,
    async close() {
      table.raw.destroy();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await withTimeout(exited, 15_000, 'own-process server exit').catch(() => child.kill('SIGKILL'));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
