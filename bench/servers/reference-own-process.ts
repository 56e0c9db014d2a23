/**
 * The reference in its own process (reference-child.ts), clients in the bench process: the same
 * process boundary as the `npm start` configuration (own-process.ts), so the two can also be
 * compared like for like. The target compares npm start with the in-process reference;
 * the report gives both ratios.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceConnector } from './reference';
import type { BenchServer, RunningServer } from './types';
import { sleep, withTimeout } from '../util';

const here = dirname(fileURLToPath(import.meta.url));

export const referenceOwnProcess: BenchServer = {
  name: '@y/websocket-server 0.1.1 (in-memory, own process)',
  async start(): Promise<RunningServer> {
    const child: ChildProcess = fork(join(here, 'reference-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const port = await withTimeout(
      new Promise<number>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`reference process exited with ${code}`)));
        child.on('message', (m: { type?: string; port?: number }) => {
          if (m.type === 'ready') resolve(m.port!);
        });
      }),
      60_000,
      'reference process ready',
    );
    return {
      connect: referenceConnector(`ws://127.0.0.1:${port}`),
      settle: () => sleep(100),
      serverErrors: () => [],
      async close() {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send({ type: 'close' });
        await withTimeout(exited, 15_000, 'reference process exit').catch(() => child.kill('SIGKILL'));
      },
    };
  },
};
