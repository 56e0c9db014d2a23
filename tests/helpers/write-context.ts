/** The write context core's write functions take (who, when, new ids): the one `ctx()` of the tests. */
import type { WriteContext } from '../../packages/core/src/index';

/** The time edits are made at in deterministic tests: 2025-02-21 09:00 in Vietnam. */
export const FIXED_NOW = '2025-02-21T02:00:00.000Z';
/** Pass as `now` for the real clock and ids unique across runs (boards kept in shared storage). */
export const LIVE = 'live';

const counters = new Map<string, number>();

/**
 * A write context for `actor`. With a time (default FIXED_NOW) ids count up per prefix
 * (`<idPrefix>-1`, `-2`, …), so a test sees the same ids on every run; with `now = LIVE` each
 * call takes the real clock and ids `gen-<time>-<n>`.
 */
export function ctx(actor = 'Chị Lan (Văn phòng)', now: string = FIXED_NOW, idPrefix = 'id'): WriteContext {
  if (now === LIVE) {
    return { actor, now: new Date().toISOString(), newId: () => `gen-${Date.now().toString(36)}-${next('gen')}` };
  }
  return { actor, now, newId: () => `${idPrefix}-${next(idPrefix)}` };
}

function next(prefix: string): number {
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return n;
}
