/**
 * The Node.js flags the daemon runs with, wherever it is started: the `offhours` command's
 * shebang, the Dockerfile's CMD, the systemd unit's ExecStart, and the tests and the
 * benchmark that spawn it (scripts/validate-docker-files.ts checks the first three).
 *
 * `--max-semi-space-size=2` (MiB): V8's young generation otherwise grows to 3 x 16 MiB under
 * a backlog's allocation rate and keeps the pages. The daemon's objects either die young
 * (a parsed message, a job payload) or live for the whole run (modules, caches), so a
 * small nursery costs a few more scavenges and saves ~25 MiB of resident memory
 * (docs/performance.md has the measurements).
 */
export const daemonNodeFlags: readonly string[] = ['--max-semi-space-size=2'];
