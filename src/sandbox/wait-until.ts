/**
 * Waits for a condition that offers no event to listen to (a pidfile disappearing, a port
 * starting to answer), checking it at a short interval until a deadline.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitUntilOptions {
  /** What is being waited for, for the timeout error. */
  description: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  { description, timeoutMs = 10_000, intervalMs = 25 }: WaitUntilOptions,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    }
    await delay(intervalMs);
  }
}
