/**
 * `npm run bench`: the three servers side by side, one at a time, in this one process.
 *   BENCH_SERVERS=ours,ours-on-disk,npm-start,reference,reference-own-process,hocuspocus,aws-query,aws-gateway,aws-query-own-process,aws-gateway-own-process   which servers (default all)
 *   BENCH_SCENARIOS=latency,convergence,open  which scenarios (default all)
 *   BENCH_RUNS=100@5,20@20                    only these latency runs (clients@spacing)
 *   BENCH_CPU_PROFILE=/tmp/p                  a CPU profile of each latency run's edits (bench/cpu-profile.ts)
 *   BENCH_CHILD_CPU_PROFILE=/tmp/c            a CPU profile of each own-process server, whole (node --cpu-prof)
 *   BENCH_EDITS=400                           edits per latency run (default 100; 40 with BENCH_QUICK)
 *   BENCH_ROUNDS=5                            rounds of the latency runs, each figure their median (default 5; 1 with BENCH_QUICK)
 *   BENCH_CONVERGENCE_ROUNDS=3                rounds of the 50×200 convergence run, the figure their median (default 3, at most BENCH_ROUNDS)
 *   BENCH_TRACE=0                             no edit-path tracing in the 20 ms runs (no breakdown)
 *   BENCH_WIRE_SPLIT=/tmp/w                   where the own-process servers' edits spend their time between the processes (wire-split.ts; with BENCH_RUNS=20@20; its *.json files there are replaced)
 *   BENCH_QUICK=1                             a smoke run: fewer edits, smaller runs, no extra sections
 * Prints the report and writes bench/results/latest.json. Exits 0 (a MISS is not a failure);
 * exits 1 only when a zero-loss / durability check failed or a scenario crashed.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { computeTargets, latencyKey, ok, renderReport, type BenchResults, type Outcome, type ServerResults } from './report';
import { measureConvergence, mergeConvergence, type ConvergenceResult } from './scenarios/convergence';
import { measureLatency, mergeRounds, type LatencyResult } from './scenarios/latency';
import { measureOpenTime } from './scenarios/open-time';
import { measureStorageRatio } from './scenarios/storage-ratio';
import { hocuspocus } from './servers/hocuspocus';
import { AWS_LATENCY, AWS_SPACED_RUN } from './servers/aws-latency';
import { ours, oursOnDisk, oursWithAwsLatency } from './servers/ours';
import { oursOwnProcess, ownProcessWithAwsLatency } from './servers/own-process';
import { reference } from './servers/reference';
import { referenceOwnProcess } from './servers/reference-own-process';
import type { BenchServer, RunningServer } from './servers/types';
import { now, round, withTimeout } from './util';
import { recordWireTimes, renderWireSplit } from './wire-split';

const here = dirname(fileURLToPath(import.meta.url));
// Every y-websocket WebsocketProvider in Node adds a process 'exit' listener; hundreds of clients
// in one process are the point of this bench, not a leak.
process.setMaxListeners(0);

const WIRE_DIR = process.env.BENCH_WIRE_SPLIT;
if (WIRE_DIR) {
  mkdirSync(WIRE_DIR, { recursive: true });
  for (const file of readdirSync(WIRE_DIR)) if (file.endsWith('.json')) rmSync(join(WIRE_DIR, file));
  recordWireTimes(WIRE_DIR, 'clients');
}

/** Sections other parts of the bench add: a file in bench/ exporting a function that returns
 *  something printable (a string, or JSON-able data). Missing files are skipped. */
const EXTRA_SECTIONS: { title: string; file: string; exportName: string }[] = [
  { title: 'Lambda bundles', file: 'lambda-bundles.ts', exportName: 'measureLambdaBundles' },
  { title: 'Browser (2,000-card board)', file: 'browser.ts', exportName: 'benchBrowser' },
];

/** BENCH_QUICK=1: fewer edits and clients, smaller histories, no extra sections (a smoke run). */
const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';
const EDITS = Number(process.env.BENCH_EDITS ?? (QUICK ? 40 : 100));
/** The latency runs: clients × milliseconds between edits (issue 12: 20 and 100 clients, 20 and 5 ms). */
export const LATENCY_RUNS: { clients: number; spacingMs: number }[] = [
  { clients: 20, spacingMs: 20 },
  { clients: 20, spacingMs: 5 },
  { clients: 100, spacingMs: 20 },
  { clients: 100, spacingMs: 5 },
];
/** BENCH_RUNS=100@5,20@20: only these latency runs (for profiling one). */
const ONLY_RUNS = process.env.BENCH_RUNS?.split(',').map((r) => r.trim().replace(/ms$/, ''));
const pick = (runs: { clients: number; spacingMs: number }[]) => (ONLY_RUNS ? runs.filter((r) => ONLY_RUNS.includes(`${r.clients}@${r.spacingMs}`)) : runs);
const AWS_RUNS = LATENCY_RUNS.filter((r) => r.spacingMs === 20);
/** Rounds of the latency runs (BENCH_ROUNDS, default 5; 1 with BENCH_QUICK): each figure is their median. */
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 5))) || 1);
/** The whole run gives up after this: 9 minutes for round 1 and the extra sections, 3 for each further round. */
/** Rounds of the convergence run (BENCH_CONVERGENCE_ROUNDS, default 3, at most ROUNDS): its figure is their median. */
const CONVERGENCE_ROUNDS = Math.min(ROUNDS, Math.max(1, Math.floor(Number(process.env.BENCH_CONVERGENCE_ROUNDS ?? 3)) || 1));
const WATCHDOG_MS = (9 + 3 * (ROUNDS - 1) + 2 * (CONVERGENCE_ROUNDS - 1)) * 60 * 1000;
const WARM_UP = QUICK ? { clients: 10, edits: 30, spacingMs: 5 } : { clients: 20, edits: 300, spacingMs: 2 };
const CONVERGENCE = QUICK ? { clients: 20, edits: 50 } : { clients: 50, edits: 200 };
const HISTORY = QUICK ? [2_000, 200] : [10_000, 1_000];

interface Plan {
  server: BenchServer;
  latency: { clients: number; spacingMs: number }[];
  convergence: boolean;
  open: boolean;
}

const SERVERS: Record<string, Plan> = {
  ours: { server: ours, latency: [...LATENCY_RUNS, AWS_SPACED_RUN], convergence: true, open: true },
  'ours-on-disk': { server: oursOnDisk, latency: LATENCY_RUNS, convergence: false, open: false },
  'npm-start': { server: oursOwnProcess, latency: LATENCY_RUNS, convergence: !QUICK, open: false },
  reference: { server: reference, latency: LATENCY_RUNS, convergence: true, open: true },
  'reference-own-process': { server: referenceOwnProcess, latency: LATENCY_RUNS, convergence: false, open: false },
  hocuspocus: { server: hocuspocus, latency: LATENCY_RUNS.filter((r) => r.spacingMs === 20), convergence: true, open: true },
  'aws-query': { server: oursWithAwsLatency('query'), latency: [...AWS_RUNS, AWS_SPACED_RUN], convergence: false, open: false },
  'aws-gateway': { server: oursWithAwsLatency('gateway'), latency: [...AWS_RUNS, AWS_SPACED_RUN], convergence: false, open: false },
  'aws-query-own-process': { server: ownProcessWithAwsLatency('query'), latency: AWS_RUNS, convergence: false, open: false },
  'aws-gateway-own-process': { server: ownProcessWithAwsLatency('gateway'), latency: AWS_RUNS, convergence: false, open: false },
};

/**
 * Which latency runs follow each edit through the handler (the breakdown, the hot-path counts):
 * those with edits 20 ms apart. The tracer's promise hooks slow every promise of the process
 * (the clients' too), which the references do not pay: the 5 ms runs, near saturation, go without.
 */
const traced = (run: { spacingMs: number }): boolean => process.env.BENCH_TRACE !== '0' && run.spacingMs >= 20;

function selected(envName: string, all: string[]): string[] {
  const raw = process.env[envName];
  return raw ? raw.split(',').map((s) => s.trim()).filter((s) => all.includes(s)) : all;
}

async function attempt<T>(what: string, fn: () => Promise<T>, timeoutMs: number): Promise<Outcome<T>> {
  try {
    return await withTimeout(fn(), timeoutMs, what);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  ${what} failed: ${message}`);
    return { error: message };
  }
}

/**
 * Starts the server, warms it up and runs `body` on it, then closes it (also on failure). The
 * warm-up (not reported) is the same for every server: JIT, sockets and the engine's first
 * writes. Long enough for the clients' code (shared by all servers) to be optimised: with 30
 * edits, the servers measured first in this process ran against colder client code than the ones
 * after them (ours at 20 clients: 2.1× the reference when measured first, 1.6× after it).
 */
async function onServer(key: string, plan: Plan, body: (running: RunningServer) => Promise<void>): Promise<{ serverErrors: string[]; durationMs: number }> {
  const t0 = now();
  const running = await plan.server.start();
  try {
    await attempt(`${key} warm-up`, () => measureLatency(running, WARM_UP.clients, WARM_UP.edits, WARM_UP.spacingMs, `${key}-warm-up`, false), 60_000);
    await body(running);
  } finally {
    await withTimeout(running.close(), 15_000, `${key} close`).catch((e: unknown) => console.error(String(e)));
  }
  return { serverErrors: [...running.serverErrors()], durationMs: round(now() - t0, 0) };
}

/** The latency runs of one server, each `measureLatency` (traced as `trace` says). */
async function latencyRuns(key: string, plan: Plan, running: RunningServer, trace: (run: { spacingMs: number }) => boolean, round: number): Promise<Record<string, Outcome<LatencyResult>>> {
  const out: Record<string, Outcome<LatencyResult>> = {};
  for (const run of pick(plan.latency)) {
    console.error(`[bench] ${key}: latency, ${run.clients} clients, edits ${run.spacingMs} ms apart${ROUNDS > 1 ? ` (round ${round}/${ROUNDS})` : ''}`);
    out[latencyKey(run.clients, run.spacingMs)] = await attempt(`${key} latency ${run.clients}@${run.spacingMs}ms`, () => measureLatency(running, run.clients, EDITS, run.spacingMs, key, trace(run)), 90_000);
  }
  return out;
}

async function benchServer(key: string, plan: Plan, scenarios: string[]): Promise<ServerResults> {
  const results: ServerResults = { key, name: plan.server.name, latency: {}, serverErrors: [], durationMs: 0 };
  console.error(`[bench] ${key}: starting`);
  const done = await onServer(key, plan, async (running) => {
    if (scenarios.includes('latency')) results.latency = await latencyRuns(key, plan, running, traced, 1);
    if (scenarios.includes('convergence') && plan.convergence) {
      console.error(`[bench] ${key}: convergence ${CONVERGENCE.clients}×${CONVERGENCE.edits}`);
      results.convergence = await attempt(`${key} convergence`, () => measureConvergence(running, CONVERGENCE.clients, CONVERGENCE.edits), 180_000);
      const conv = ok(results.convergence);
      if (running.stack && conv) {
        results.convergenceRatio = await attempt(`${key} storage ratio`, () => measureStorageRatio(running.stack!, conv.boardId, `after the ${CONVERGENCE.clients}×${CONVERGENCE.edits} run`), 30_000);
      }
    }
    if (scenarios.includes('open') && plan.open) {
      console.error(`[bench] ${key}: open time`);
      results.openTime = await attempt(`${key} open time`, () => measureOpenTime(running, HISTORY), 150_000);
    }
  });
  results.serverErrors = done.serverErrors;
  results.durationMs = done.durationMs;
  console.error(`[bench] ${key}: done in ${round(results.durationMs / 1000, 1)} s`);
  return results;
}

/**
 * Rounds 2..ROUNDS of the latency runs (and rounds 2..CONVERGENCE_ROUNDS of the convergence
 * run): every server started afresh, warmed up and measured again (untraced), in an order
 * rotated each round (so no server is always measured first, or right after the same one); each
 * figure is then the median over the rounds (mergeRounds, mergeConvergence). The storage ratio
 * after convergence stays round 1's.
 */
async function moreRounds(servers: ServerResults[], scenarios: string[]): Promise<void> {
  const later = new Map<string, Record<string, Outcome<LatencyResult>>[]>();
  const laterConvergence = new Map<string, Outcome<ConvergenceResult>[]>();
  for (let r = 2; r <= ROUNDS; r++) {
    const order = servers.map((_, i) => servers[(i + r - 1) % servers.length]!);
    for (const results of order) {
      const plan = SERVERS[results.key]!;
      const latency = scenarios.includes('latency');
      const convergence = scenarios.includes('convergence') && plan.convergence && r <= CONVERGENCE_ROUNDS && results.convergence !== undefined;
      if (!latency && !convergence) continue;
      try {
        const done = await onServer(results.key, plan, async (running) => {
          if (latency) {
            const runs = await latencyRuns(results.key, plan, running, () => false, r);
            later.set(results.key, [...(later.get(results.key) ?? []), runs]);
          }
          if (convergence) {
            console.error(`[bench] ${results.key}: convergence ${CONVERGENCE.clients}×${CONVERGENCE.edits} (round ${r}/${CONVERGENCE_ROUNDS})`);
            const outcome = await attempt(`${results.key} convergence`, () => measureConvergence(running, CONVERGENCE.clients, CONVERGENCE.edits), 180_000);
            laterConvergence.set(results.key, [...(laterConvergence.get(results.key) ?? []), outcome]);
          }
        });
        results.serverErrors.push(...done.serverErrors);
        results.durationMs += done.durationMs;
      } catch (error) {
        results.serverErrors.push(`round ${r}: ${String(error)}`);
      }
    }
  }
  for (const results of servers) {
    const rounds = later.get(results.key) ?? [];
    for (const [runKey, first] of Object.entries(results.latency)) {
      const outcomes = [first, ...rounds.map((runs) => runs[runKey] ?? { error: 'not run' })];
      const failed = outcomes.findIndex((o) => !ok(o));
      results.latency[runKey] = failed >= 0 ? { error: `round ${failed + 1}: ${errorOf(outcomes[failed]!)}` } : mergeRounds(outcomes.map((o) => ok(o)!));
    }
    const moreConvergence = laterConvergence.get(results.key);
    if (results.convergence && moreConvergence) {
      const outcomes = [results.convergence, ...moreConvergence];
      const failed = outcomes.findIndex((o) => !ok(o));
      results.convergence = failed >= 0 ? { error: `round ${failed + 1}: ${errorOf(outcomes[failed]!)}` } : mergeConvergence(outcomes.map((o) => ok(o)!));
    }
  }
}

const errorOf = (outcome: Outcome<unknown>): string => ('error' in (outcome as object) ? String((outcome as { error: unknown }).error) : 'no result');

async function extraSections(results: BenchResults): Promise<string[]> {
  const printed: string[] = [];
  for (const section of EXTRA_SECTIONS) {
    const path = join(here, section.file);
    if (!existsSync(path)) continue;
    try {
      const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
      const fn = mod[section.exportName];
      if (typeof fn !== 'function') throw new Error(`${section.file} does not export ${section.exportName}()`);
      const value: unknown = await withTimeout(Promise.resolve((fn as () => unknown)()), 120_000, section.title);
      results.sections[section.title] = value;
      printed.push(`${section.title}\n${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.sections[section.title] = { error: message };
      printed.push(`${section.title}: ERROR ${message}`);
    }
  }
  return printed;
}

function correctnessFailures(results: BenchResults): string[] {
  const failures: string[] = [];
  for (const s of results.servers) {
    for (const [n, outcome] of Object.entries(s.latency)) {
      const l = ok(outcome);
      if (!l) failures.push(`${s.key}: latency ${n} did not complete`);
      else if (l.lost > 0) failures.push(`${s.key}: latency ${n}: ${l.lost} (edit, peer) pairs never arrived`);
      else if (l.durable && l.durable.stored !== l.durable.expected) failures.push(`${s.key}: latency ${n}: ${l.durable.stored}/${l.durable.expected} edits in storage`);
    }
    if (s.convergence) {
      const c = ok(s.convergence);
      if (!c) failures.push(`${s.key}: convergence did not complete`);
      else if (!c.zeroLoss) failures.push(`${s.key}: convergence lost edits (clients complete ${c.completeClients}/${c.clients}, stored ${c.stored ?? 'n/a'})`);
    }
    if (s.openTime && !ok(s.openTime)) failures.push(`${s.key}: open time did not complete`);
  }
  return failures;
}

async function main(): Promise<number> {
  const t0 = now();
  const cpus = os.cpus();
  const results: BenchResults = {
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      totalMemoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      os: `${os.platform()} ${os.release()} ${os.arch()}`,
      date: new Date().toISOString(),
    },
    awsLatency: AWS_LATENCY,
    notes: [
      'all servers and all clients run in this one Node process (one event loop), one server at a time, on 127.0.0.1',
      `latency: ${ROUNDS === 1 ? 'one round' : `the median of ${ROUNDS} rounds; each round starts every server afresh (with its warm-up) and measures it, one after another, in an order rotated each round; the breakdowns are round 1's (its 20 ms runs traced), round 1 also runs open`}`,
      `convergence: ${CONVERGENCE_ROUNDS === 1 ? 'one round' : `the median of ${CONVERGENCE_ROUNDS} rounds (rounds 1–${CONVERGENCE_ROUNDS}), each round's time printed; zero loss in every round`}`,
      'open-time boards: 10,000 card edits (3 fields each) vs the same final state reached in 1,000 updates; opens of ours use a read-only link so they do not start a compaction',
      'ours: stock y-websocket WebsocketProvider through our base64 text polyfill; dynalite in memory in this process, item commands sent straight to it past the SDK (packages/local/src/engine-document-client.ts), audit gathered 25 ms',
      'ours and aws-*: the runs with edits 20 ms apart follow each edit through the handler (edit-trace.ts: the breakdowns and the hot-path counts); the 5 ms runs go without, as its promise hooks slow every promise in this process',
      'npm-start: the same server as `npm start` runs it: its own process, dynalite on disk (a fresh temporary folder); clients in this process',
      'reference-own-process: the reference in a process of its own, clients in this process (the npm-start boundary): npm-start is also compared with it, like for like',
      `aws-query / aws-gateway: ours with AWS's latencies added: ${AWS_LATENCY.dbMs} ms per DynamoDB call, ${AWS_LATENCY.postMs} ms per postToConnection, ${AWS_LATENCY.invokeMs} ms per invocation; audience from a DynamoDB Query (the AWS path) / from the gateway; *-own-process: the same in the npm-start arrangement (the server in its own process, dynalite on disk), the server's CPU apart from the clients' as on AWS`,
      `load while this ran: ${os.loadavg().map((l) => round(l, 2)).join(' / ')} (1/5/15-min load average at the start; other jobs share the machine)`,
      ...(QUICK ? ['BENCH_QUICK: a smoke run (fewer edits, smaller runs): the figures are not those of the targets'] : []),
      '@y/websocket-server: stock WebsocketProvider, binary frames; hocuspocus: minimal client in bench/clients (no @hocuspocus/provider installed)',
    ],
    servers: [],
    targets: [],
    sections: {},
    correctnessFailures: [],
    totalMs: 0,
  };
  const scenarios = selected('BENCH_SCENARIOS', ['latency', 'convergence', 'open']);
  for (const key of selected('BENCH_SERVERS', Object.keys(SERVERS))) {
    try {
      results.servers.push(await benchServer(key, SERVERS[key]!, scenarios));
    } catch (error) {
      console.error(`[bench] ${key} failed to start or close: ${String(error)}`);
      results.servers.push({ key, name: SERVERS[key]!.server.name, latency: {}, serverErrors: [String(error)], durationMs: 0 });
    }
  }
  if ((scenarios.includes('latency') || scenarios.includes('convergence')) && ROUNDS > 1) await moreRounds(results.servers, scenarios);
  const extra = QUICK ? [] : await extraSections(results);
  results.targets = computeTargets(results);
  results.correctnessFailures = correctnessFailures(results);
  results.totalMs = round(now() - t0, 0);
  console.log(renderReport(results));
  for (const section of extra) console.log(`\n${section}`);
  if (WIRE_DIR) console.log(`\n${renderWireSplit(WIRE_DIR)}`);
  console.log(`\ntotal ${round(results.totalMs / 1000, 1)} s`);
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`results written to ${join('bench', 'results', 'latest.json')}`);
  return results.correctnessFailures.length > 0 ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error(`[bench] watchdog: still running after ${WATCHDOG_MS / 60000} min, giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
