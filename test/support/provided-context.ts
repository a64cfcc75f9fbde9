/**
 * What the global setup hands to test files through vitest's provide/inject.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the Redis ordinary tests share: the machine's, or one the global setup started. */
    redisUrl: string;
  }
}

export {};
