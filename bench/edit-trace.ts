/**
 * Per-invocation timestamps of our handler's update path, taken from outside the packages by
 * wrapping the handler's dependencies (`stack.deps`): posterFor (the first thing a $default
 * invocation does) opens a trace in an AsyncLocalStorage; connections.get, updates.append,
 * connections.listBoard, every post and updates.notePending add their start/end to it. Traces
 * with an append are update invocations; in a latency run only the editor sends updates, so the
 * k-th such trace (by start time) is the k-th edit.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LocalStack } from '@binhan/local';
import { describeCommand, STORAGE_READ, STORAGE_WRITE } from './profiler';
import { now, percentile, round } from './util';

interface Mark {
  step: string;
  t0: number;
  t1: number;
}
interface Trace {
  start: number;
  marks: Mark[];
}

export interface EditPathSegment {
  segment: string;
  p50Ms: number;
  p99Ms: number;
}

export class EditPathTracer {
  private readonly als = new AsyncLocalStorage<Trace>();
  private traces: Trace[] = [];
  private recording = false;

  constructor(stack: LocalStack) {
    const deps = stack.deps as unknown as Record<string, Record<string, unknown>>;
    this.opensTrace(deps as unknown as Record<string, unknown>, 'posterFor');
    this.wrap(deps.connections, 'get', 'get connection');
    this.wrap(deps.updates, 'append', 'put update');
    this.wrap(deps.connections, 'listBoard', 'query connections');
    this.wrap(deps.connections, 'listAudience', 'query connections');
    this.wrap(deps.updates, 'notePending', 'update pending counter');
    this.wrap(deps.updates, 'compact', 'compaction');
    this.wrap(stack.gateway.management as unknown as Record<string, unknown>, 'post', 'post');
    // Every storage call of the invocation, named by what it touches (to count the hot path's).
    this.wrapNamed(stack.table.doc as unknown as Record<string, unknown>, 'send', (args) => `storage: ${describeCommand(args)}`);
  }

  /**
   * Per update invocation (mean over edits): the storage calls made before its first post (the
   * hot path: they delay the peers) and after it (audit, compaction), by name. `boardLoads`: the
   * edits whose hot path also loaded the board (head and log: the first edit a process checks
   * on a board it has not read yet); `steadyPerEdit`: the writes and reads before the first post
   * per OTHER edit (a mean: one edit's batch write may carry the next one's items, and is then
   * counted in the first one's trace).
   */
  storageCalls(): {
    edits: number;
    beforeFirstPost: Record<string, number>;
    afterFirstPost: Record<string, number>;
    boardLoads: number;
    steadyPerEdit: { writes: number; reads: number };
  } {
    const traces = this.updateTraces();
    const before: Record<string, number> = {};
    const after: Record<string, number> = {};
    let boardLoads = 0;
    const steady = { writes: 0, reads: 0, edits: 0 };
    for (const t of traces) {
      const posts = t.marks.filter((m) => m.step === 'post');
      const firstPost = posts.length ? Math.min(...posts.map((p) => p.t0)) : Infinity;
      const hot: string[] = [];
      for (const m of t.marks) {
        if (!m.step.startsWith('storage: ')) continue;
        const name = m.step.slice('storage: '.length);
        const into = m.t0 < firstPost ? before : after;
        into[name] = (into[name] ?? 0) + 1;
        if (m.t0 < firstPost) hot.push(name);
      }
      if (hot.includes('Get head')) {
        boardLoads++;
        continue;
      }
      steady.edits++;
      steady.writes += hot.filter((n) => STORAGE_WRITE.test(n)).length;
      steady.reads += hot.filter((n) => STORAGE_READ.test(n)).length;
    }
    const perEdit = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, round(v / Math.max(1, traces.length), 2)]));
    const per = (n: number) => round(n / Math.max(1, steady.edits), 2);
    return {
      edits: traces.length,
      beforeFirstPost: perEdit(before),
      afterFirstPost: perEdit(after),
      boardLoads,
      steadyPerEdit: { writes: per(steady.writes), reads: per(steady.reads) },
    };
  }

  start(): void {
    this.traces = [];
    this.recording = true;
  }

  stop(): void {
    this.recording = false;
    // Off again: with no AsyncLocalStorage enabled, Node removes its promise hooks.
    this.als.disable();
  }

  /** Update invocations in start order. */
  updateTraces(): Trace[] {
    return this.traces.filter((t) => t.marks.some((m) => m.step === 'put update')).sort((a, b) => a.start - b.start);
  }

  /**
   * Segments of the edit path, matched to the edits' send times and the peers' arrival times
   * (first and last peer) when given.
   */
  segments(sent: number[] = [], firstArrival: number[] = [], lastArrival: number[] = []): EditPathSegment[] {
    const traces = this.updateTraces();
    const series = new Map<string, number[]>();
    const add = (name: string, v: number | undefined) => {
      if (v === undefined || !Number.isFinite(v)) return;
      let list = series.get(name);
      if (!list) series.set(name, (list = []));
      list.push(v);
    };
    const match = traces.length === sent.length;
    traces.forEach((t, k) => {
      const first = (step: string) => t.marks.find((m) => m.step === step);
      const posts = t.marks.filter((m) => m.step === 'post');
      const get = first('get connection');
      const put = first('put update');
      const query = first('query connections');
      const pending = first('update pending counter');
      if (match) add('client send → handler start (socket, gateway, decode)', t.start - sent[k]!);
      add('get connection (none: the identity comes with the event)', get ? get.t1 - get.t0 : 0);
      add('put update', put && put.t1 - put.t0);
      add('query connections', query && query.t1 - query.t0);
      const stored = Math.max(put?.t1 ?? Number.NaN, query?.t1 ?? Number.NaN);
      add('handler start → update durable and audience known', stored - t.start);
      if (posts.length > 0) {
        const firstPost = Math.min(...posts.map((p) => p.t0));
        const lastPost = Math.max(...posts.map((p) => p.t1));
        add('durable → first post', firstPost - stored);
        add(`fan-out: first post → last post done (${posts.length} posts)`, lastPost - firstPost);
        if (match && firstArrival[k] !== undefined) add('first post → first peer has it', firstArrival[k]! - firstPost);
        if (match && lastArrival[k] !== undefined) add('last post done → last peer has it', lastArrival[k]! - lastPost);
      }
      add('update pending counter (after fan-out)', pending && pending.t1 - pending.t0);
      if (match && firstArrival[k] !== undefined) add('total: send → first peer', firstArrival[k]! - sent[k]!);
    });
    return [...series.entries()].map(([segment, values]) => ({ segment, p50Ms: round(percentile(values, 50), 2), p99Ms: round(percentile(values, 99), 2) }));
  }

  /** A synchronous call at the start of each invocation opens its trace. */
  private opensTrace(target: Record<string, unknown>, method: string): void {
    const original = target[method];
    if (typeof original !== 'function') return;
    const fn = (original as (...args: unknown[]) => unknown).bind(target);
    target[method] = (...args: unknown[]): unknown => {
      if (this.recording) {
        const trace: Trace = { start: now(), marks: [] };
        this.traces.push(trace);
        // Later awaits of the calling invocation continue in this store.
        this.als.enterWith(trace);
      }
      return fn(...args);
    };
  }

  private wrap(target: Record<string, unknown> | undefined, method: string, step: string): void {
    this.wrapNamed(target, method, () => step);
  }

  private wrapNamed(target: Record<string, unknown> | undefined, method: string, stepOf: (args: unknown[]) => string): void {
    const original = target?.[method];
    if (!target || typeof original !== 'function') return; // the handler's shape changed: trace less
    const fn = (original as (...args: unknown[]) => Promise<unknown>).bind(target);
    target[method] = (...args: unknown[]): Promise<unknown> => {
      if (!this.recording) return fn(...args);
      const trace = this.als.getStore();
      if (!trace) return fn(...args);
      const mark: Mark = { step: stepOf(args), t0: now(), t1: Number.NaN };
      trace.marks.push(mark);
      return fn(...args).finally(() => {
        mark.t1 = now();
      });
    };
  }
}
