/**
 * Tells whether any process of a process group is still running, ignoring zombies: PID 1
 * on these machines reaps late, so `kill(-pgid, 0)` keeps answering for processes that
 * have already exited and closed their sockets. Linux only (reads /proc).
 */
import { readdirSync, readFileSync } from 'node:fs';

export function hasLiveProcessInGroup(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After the parenthesised command name (which may hold spaces): state, ppid, pgrp, ...
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') return true;
  }
  return false;
}
