/** Resident memory of a process from /proc (Linux): the current RSS and its peak since start. */
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** VmRSS in MiB. */
  readonly rssMiB: number;
  /** VmHWM (the high-water mark of VmRSS) in MiB. */
  readonly peakMiB: number;
}

export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMiB: readKiB(status, 'VmRSS') / 1024, peakMiB: readKiB(status, 'VmHWM') / 1024 };
}

function readKiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (match?.[1] === undefined) throw new Error(`/proc status has no ${field} line`);
  return Number(match[1]);
}
