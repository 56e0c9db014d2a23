/**
 * The few places a promise's failure is deliberately not acted on, each named for its reason
 * (instead of a bare `.catch(() => {})` that leaves the reader guessing).
 */

/**
 * `promise` is started now, to run in parallel with other work, and awaited later (or, when the
 * work is refused first, never): until then its rejection must not count as unhandled. Returns
 * `promise` itself, so the later `await` still sees the failure.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.then(undefined, () => undefined);
  return promise;
}

/**
 * Waits for `promise` and ignores its failure, because `why` (written at the call: nothing that
 * follows depends on the outcome, e.g. a lease that expires by itself).
 */
export async function ignoreFailure(promise: Promise<unknown>, why: string): Promise<void> {
  void why;
  await promise.then(undefined, () => undefined);
}
