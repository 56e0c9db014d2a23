/**
 * BENCH_CPU_PROFILE=<folder>: a CPU profile of the bench process over each latency run's edits
 * only (not the connects before them), written as <folder>/<server>-<clients>@<spacing>.cpuprofile
 * (open it in Chrome's DevTools, or aggregate it). Nothing happens without the variable.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export interface CpuProfileRun {
  stop(): Promise<void>;
}

export async function startCpuProfile(name: string): Promise<CpuProfileRun> {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (!folder) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${name.replace(/[^\w@.-]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
