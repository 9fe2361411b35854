/**
 * Bounded waits for end-to-end tests: every wait names what it waits for, so a stuck test fails
 * with that name instead of the test runner's bare timeout.
 */

export const E2E_WAIT_MS = 10_000;

/** `promise`, or a rejection saying what never came once `ms` have passed. */
export async function within<T>(what: string, promise: Promise<T>, ms = E2E_WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls `probe` until it gives a value (not null, undefined or false), for state that announces
 * no event (a row in SQLite). Bounded by `ms`.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = E2E_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
