/**
 * Takes a harness Dovecot (src/sandbox/start-dovecot.ts) down and brings it back on the same
 * port, config and mail, for outages of a chosen length: `takeDown` stops every process of
 * its group (clients see the connection close and new ones refused), `bringUp` starts
 * `dovecot -F` again and resolves once it greets. `release` stops a Dovecot started here,
 * so the harness's own stop() finds its port free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import { hasLiveProcessInGroup } from '../../src/sandbox/has-live-process-in-group.js';
import { isPortClosed } from '../../src/sandbox/is-port-closed.js';
import { readImapGreeting } from '../../src/sandbox/read-imap-greeting.js';
import { requireBinary } from '../../src/sandbox/require-binary.js';
import { waitUntil } from '../../src/sandbox/wait-until.js';

export interface DovecotControl {
  takeDown(): Promise<void>;
  bringUp(): Promise<void>;
  release(): Promise<void>;
}

export function controlDovecot(dovecot: DovecotServer): DovecotControl {
  const binary = requireBinary('dovecot', 'dovecot-imapd');
  let relaunched: ChildProcess | null = null;

  const stopGroup = async (pgid: number): Promise<void> => {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    await waitUntil(() => !hasLiveProcessInGroup(pgid), {
      description: `Dovecot's processes (group ${pgid}) to exit`,
      timeoutMs: 20_000,
    });
    await waitUntil(() => isPortClosed(dovecot.port), {
      description: `Dovecot to release port ${dovecot.port}`,
    });
  };

  return {
    async takeDown() {
      // The master runs in the foreground as the leader of its own process group.
      const masterPid = Number(readFileSync(join(dovecot.dir, 'run', 'master.pid'), 'utf8'));
      await stopGroup(masterPid);
      relaunched = null;
    },
    async bringUp() {
      const child = spawn(binary, ['-F', '-c', join(dovecot.dir, 'dovecot.conf')], {
        stdio: 'ignore',
        detached: true,
      });
      relaunched = child;
      await waitUntil(() => readImapGreeting(dovecot.port, dovecot.host, 2_000), {
        description: `the restarted Dovecot to greet on port ${dovecot.port}`,
        timeoutMs: 15_000,
      });
    },
    async release() {
      if (relaunched?.pid !== undefined) await stopGroup(relaunched.pid);
      relaunched = null;
    },
  };
}
