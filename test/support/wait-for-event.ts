/**
 * Waits for the first emission of an event whose arguments match, so tests wait on what
 * happened instead of sleeping. Rejects after the timeout, or at once on an 'error' event.
 */
import type { EventEmitter } from 'node:events';

export function waitForEvent(
  emitter: EventEmitter,
  name: string,
  predicate: (...args: unknown[]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<unknown[]> {
  return new Promise((resolveArgs, reject) => {
    const cleanUp = (): void => {
      clearTimeout(timer);
      emitter.off(name, onEvent);
      if (name !== 'error') emitter.off('error', onError);
    };
    const onEvent = (...args: unknown[]): void => {
      if (!predicate(...args)) return;
      cleanUp();
      resolveArgs(args);
    };
    const onError = (error: unknown): void => {
      cleanUp();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`no matching '${name}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.on(name, onEvent);
    if (name !== 'error') emitter.on('error', onError);
  });
}
