/**
 * When a board's log of updates is merged into a new snapshot (BoardUpdates.compact). A
 * compaction rewrites the WHOLE state, so compacting every `every` updates costs, for a big
 * board edited in small steps, many times the edits themselves: a 480 KB board compacted every
 * 100 edits of 50 bytes writes about 100 bytes of snapshot for every byte edited. So the chance
 * an edit compacts follows the share of the state it adds: the log is merged when it holds about
 * half the state's bytes (opening reads at most about 1.5× the state), at most once every
 * `every` updates (small boards: as before) and at least once every `every` × 10 (so the log's
 * item count stays bounded too). Pure: the handler draws the chance, the opener tests the log.
 */

/** The log is merged when its bytes reach this share of the state's. */
export const LOG_SHARE_OF_STATE = 0.5;
/** …or when it holds this many times `every` updates, whatever their size. */
export const MAX_LOG_FACTOR = 10;

/**
 * The chance that an edit of `updateBytes` on a board of about `stateBytes` starts a compaction:
 * between 1/(every × MAX_LOG_FACTOR) and 1/every. A board whose size is unknown (0) gets 1/every.
 */
export function compactionChance(updateBytes: number, stateBytes: number, every: number): number {
  const most = 1 / every;
  if (!(stateBytes > 0)) return most;
  const least = 1 / (every * MAX_LOG_FACTOR);
  const byShare = updateBytes / (stateBytes * LOG_SHARE_OF_STATE);
  return Math.min(most, Math.max(least, byShare));
}

/** Whether a log read at opening is due to be merged (the same bounds, measured instead of drawn). */
export function logDueForCompaction(log: { updates: number; bytes: number; snapshotBytes: number }, every: number): boolean {
  if (log.updates >= every * MAX_LOG_FACTOR) return true;
  return log.updates >= every && log.bytes >= log.snapshotBytes * LOG_SHARE_OF_STATE;
}
