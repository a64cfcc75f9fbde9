/**
 * The Node.js flags the daemon runs with, wherever it is started: the `offhours` command's
 * shebang, the Dockerfile's CMD, the systemd unit's ExecStart, and the tests and the
 * benchmark that spawn it (scripts/validate-docker-files.ts checks the Dockerfile and the
 * unit, test/unit/runtime/daemon-node-flags.test.ts the shebang).
 *
 * - `--max-semi-space-size=2` (MiB): V8's young generation otherwise grows to 3 x 16 MiB
 *   under a backlog's allocation rate and keeps the pages. The daemon's objects either die
 *   young (a parsed message, a job payload) or live for the whole run (modules, caches).
 * - `--max-old-space-size=192` (MiB): without a bound V8 lets the old generation fill with
 *   garbage for as long as the machine has memory (a 10,000-message backlog left 327 MiB
 *   resident for a live heap of ~45 MiB). The bound makes it collect instead. What one
 *   triage batch holds is itself bounded (500 messages and 16 MiB of fetched source,
 *   splitIntoBatches; text cut to 64 Ki characters), message sources are Buffers outside
 *   this heap, and a forward's original is streamed from a Buffer too, so the heap's peak
 *   stays far below the bound.
 *
 * docs/performance.md has the measurements.
 */
export const daemonNodeFlags: readonly string[] = [
  '--max-semi-space-size=2',
  '--max-old-space-size=192',
];
