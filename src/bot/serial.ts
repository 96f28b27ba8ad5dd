/**
 * Order within one App process. GitHub may deliver the same event twice at the same moment (a
 * redelivery after a slow answer), and several events for one pull request or issue can arrive
 * together. Handlers that read-then-write (find the comment, then create it; count the replies,
 * then answer) must not interleave, so work for one thread runs one piece at a time, and a
 * delivery already handled is not handled again.
 *
 * Across replicas this is not enough (see docs/deploy.md): route a repository's deliveries to one
 * replica, or run the App's command handling on one.
 */

/** Run functions one after another per key; different keys run side by side. */
export function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = tails.get(key) ?? Promise.resolve();
    const result = before.then(work, work);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

/**
 * Delivery ids handled successfully (the most recent `size`). A delivery whose handler failed is
 * forgotten, so GitHub's "Redeliver" (same id) runs it again.
 */
export function deliveryMemory(size = 10_000) {
  const done = new Set<string>();
  const running = new Map<string, Promise<unknown>>();
  return async function once(id: string, work: () => Promise<void>): Promise<void> {
    if (done.has(id)) return;
    const inFlight = running.get(id);
    if (inFlight) {
      // The same delivery twice at once: wait for the first; if it failed, this one tries.
      const ok = await inFlight.then(
        () => true,
        () => false,
      );
      if (ok) return;
    }
    const attempt = work();
    running.set(id, attempt);
    try {
      await attempt;
      done.add(id);
      if (done.size > size) done.delete(done.values().next().value!);
    } finally {
      if (running.get(id) === attempt) running.delete(id);
    }
  };
}
