/** Waiting in tests for what happens in the background (a publish after the answer), polled, with a deadline. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The first defined value `get` gives, polled every 20 ms; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, get: () => T | undefined, timeoutMs = 6000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
